using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace SsmOnPrem.Client.Common
{
    /// <summary>
    /// Opens the files the module writes (journals, transcripts, known_hosts) so that only the current user can read
    /// them: a new file is created with mode 0600 on Unix, atomically (never readable by others, not even empty); an
    /// existing file readable or writable by group or others is reported once per path and run as a warning, and kept as
    /// it is (the user chose it). See docs/SECURITY.md, "Private files".
    /// </summary>
    public static class PrivateFile
    {
        private const int UserReadWrite = 0x180; // 0600
        private const int GroupOtherBits = 0x3F; // 0077
        private static readonly HashSet<string> Warned = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Opens <paramref name="fullPath"/> for appending, creating it private if it does not exist.</summary>
        public static FileStream OpenAppend(string fullPath, FileShare share, Action<string> warning)
        {
            if (IsUnix && !File.Exists(fullPath))
            {
                var created = TryCreateUnix(fullPath, share);
                if (created != null) return created;
            }
            var existed = File.Exists(fullPath);
            var stream = new FileStream(fullPath, FileMode.Append, FileAccess.Write, share);
            if (!existed) MakePrivate(fullPath);
            else WarnIfShared(fullPath, warning);
            return stream;
        }

        /// <summary>The file's Unix permission bits, or null where they cannot be read (Windows, runtimes before .NET 7).</summary>
        public static int? UnixMode(string fullPath)
        {
            if (!IsUnix) return null;
            var get = typeof(File).GetMethod("GetUnixFileMode", new[] { typeof(string) });
            if (get == null) return null;
            try { return Convert.ToInt32(get.Invoke(null, new object[] { fullPath })); }
            catch (TargetInvocationException) { return null; }
        }

        private static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        private static void WarnIfShared(string fullPath, Action<string> warning)
        {
            // Device files (/dev/null, /dev/full, a tty) are shared by nature and hold nothing afterwards.
            if (fullPath.StartsWith("/dev/", StringComparison.Ordinal)) return;
            var mode = UnixMode(fullPath);
            if (mode == null || (mode.Value & GroupOtherBits) == 0) return;
            lock (Warned) if (!Warned.Add(fullPath)) return;
            warning?.Invoke($"'{fullPath}' can be read or written by other users (mode {Convert.ToString(mode.Value & 0x1FF, 8)}); " +
                            $"it may hold device output. Restrict it (chmod 600 '{fullPath}') or write to a new file.");
        }

        // .NET 7+ (PowerShell 7.3+): FileStreamOptions.UnixCreateMode creates the file with its mode in one open(2).
        private static FileStream TryCreateUnix(string fullPath, FileShare share)
        {
            var optionsType = typeof(FileStream).Assembly.GetType("System.IO.FileStreamOptions");
            var modeType = typeof(FileStream).Assembly.GetType("System.IO.UnixFileMode");
            var ctor = optionsType == null ? null : typeof(FileStream).GetConstructor(new[] { typeof(string), optionsType });
            if (ctor == null || modeType == null) return null;
            var options = Activator.CreateInstance(optionsType);
            optionsType.GetProperty("Mode").SetValue(options, FileMode.Append);
            optionsType.GetProperty("Access").SetValue(options, FileAccess.Write);
            optionsType.GetProperty("Share").SetValue(options, share);
            optionsType.GetProperty("UnixCreateMode").SetValue(options, Enum.ToObject(modeType, UserReadWrite));
            try { return (FileStream)ctor.Invoke(new[] { fullPath, options }); }
            catch (TargetInvocationException ex) when (ex.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        // Older runtimes (Mono, .NET Framework on Windows): restrict right after creating, before anything is written.
        private static void MakePrivate(string fullPath)
        {
            try
            {
                if (IsUnix) chmod(fullPath, UserReadWrite);
                else WindowsAcl.RestrictToCurrentUser(fullPath);
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is TypeLoadException
                                       || ex is TargetInvocationException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
            {
                // Best effort on runtimes without the means; the file then has the folder's default permissions.
            }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
