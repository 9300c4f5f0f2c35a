using System;
using System.Runtime.InteropServices;

namespace SsmOnPrem.Client.Devices.HostKeys
{
    /// <summary>
    /// chmod for the files OpenSSH insists are private (~/.ssh 0700, known_hosts 0600). netstandard2.0 has no
    /// File.SetUnixFileMode, so libc's chmod is called directly; on Windows nothing is done (ACLs are inherited).
    /// </summary>
    internal static class UnixPermissions
    {
        public static void Set(string path, int mode)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            try { chmod(path, mode); }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException) { }
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int chmod(string path, int mode);
    }
}
