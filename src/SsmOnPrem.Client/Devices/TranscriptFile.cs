using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>
    /// One writer per transcript path in the process, shared by every session that names it (one -TranscriptPath for a
    /// fleet): whole lines are written under one lock, so sessions never interleave inside a line, and the file is
    /// opened once, so Windows never sees a second open of it. Opened with FileShare.ReadWrite, so another process
    /// (a tail, a second run) may read or append too. Created private (<see cref="PrivateFile"/>).
    /// </summary>
    internal sealed class TranscriptFile
    {
        private static readonly Dictionary<string, TranscriptFile> Open = new Dictionary<string, TranscriptFile>(PathComparer);
        private readonly string _path;
        private readonly StreamWriter _writer;
        private int _users;

        private TranscriptFile(string path, StreamWriter writer)
        {
            _path = path;
            _writer = writer;
        }

        private static StringComparer PathComparer =>
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)
                ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        /// <summary>The shared writer of <paramref name="fullPath"/>; each call must be matched by <see cref="Release"/>.</summary>
        public static TranscriptFile Acquire(string fullPath, Action<string> warning)
        {
            lock (Open)
            {
                if (!Open.TryGetValue(fullPath, out var file))
                {
                    var stream = PrivateFile.OpenAppend(fullPath, FileShare.ReadWrite, warning);
                    file = new TranscriptFile(fullPath, new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true });
                    Open[fullPath] = file;
                }
                file._users++;
                return file;
            }
        }

        /// <summary>Writes whole lines at once (a transcript must never break the session).</summary>
        public void WriteLines(IEnumerable<string> lines)
        {
            lock (this)
            {
                try
                {
                    foreach (var line in lines) _writer.WriteLine(line);
                }
                catch (Exception) { /* disk full, file removed: the session goes on */ }
            }
        }

        public void Release()
        {
            lock (Open)
            {
                if (--_users > 0) return;
                Open.Remove(_path);
                lock (this) { try { _writer.Dispose(); } catch (Exception) { } }
            }
        }
    }
}
