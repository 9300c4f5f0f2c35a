using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Workflows.Fleet
{
    /// <summary>
    /// An append-only JSON-lines file with one line per finished device, flushed to disk as each device finishes,
    /// so a run that is killed halfway loses nothing and a rerun can skip what is done.
    /// Opening checks that the path is writable before any device is touched (read-only folder, disk full).
    /// Entries hold results only, already masked: never a password, secret or token.
    /// </summary>
    public sealed class ResultJournal : IDisposable
    {
        private readonly object _gate = new object();
        private readonly FileStream _stream;
        private readonly List<JObject> _existing;

        private ResultJournal(string path, FileStream stream, List<JObject> existing)
        {
            Path = path;
            _stream = stream;
            _existing = existing;
        }

        public string Path { get; }

        /// <summary>Entries written by earlier runs (lines that are not valid JSON, e.g. cut by a kill, are skipped).</summary>
        public IReadOnlyList<JObject> ExistingEntries => _existing;

        /// <summary>
        /// The same entries as top-level name → text pairs (no Newtonsoft types: the cmdlet assembly must not touch the
        /// engine's private copy of Newtonsoft.Json, which PowerShell's own copy would shadow).
        /// </summary>
        public IReadOnlyList<IReadOnlyDictionary<string, string>> ExistingEntriesAsText()
        {
            var list = new List<IReadOnlyDictionary<string, string>>();
            foreach (var entry in _existing)
            {
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var property in entry.Properties())
                    if (property.Value is JValue value) fields[property.Name] = value.Value == null ? null : Convert.ToString(value.Value, System.Globalization.CultureInfo.InvariantCulture);
                list.Add(fields);
            }
            return list;
        }

        /// <summary>Opens (creating it private, 0600 on Unix) the journal; <paramref name="warning"/> hears once that an existing one is readable by others.</summary>
        public static ResultJournal Open(string path, Action<string> warning = null)
        {
            if (string.IsNullOrWhiteSpace(path))
                throw new SsmOnPremException("JournalPathInvalid", SsmErrorKind.InvalidArgument, "The journal path is empty.", "Give -JournalPath a file path, e.g. ./run.jsonl.");
            string fullPath;
            try
            {
                fullPath = System.IO.Path.GetFullPath(path);
                var directory = System.IO.Path.GetDirectoryName(fullPath);
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                var existing = ReadEntries(fullPath);
                // ReadWrite sharing: on Windows a journal still open from a run that died in this session (or another run)
                // must not be a sharing violation for the rerun; Append seeks to the end so writers never overlap.
                var stream = PrivateFile.OpenAppend(fullPath, FileShare.ReadWrite, warning);
                try
                {
                    // Prove the disk takes a write now, not after the first device has been registered (a flush of
                    // nothing proves nothing). The newline also ends a line cut by a kill, so the next entry is not glued to it.
                    stream.WriteByte((byte)'\n');
                    stream.Flush(true);
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
                return new ResultJournal(fullPath, stream, existing);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new SsmOnPremException("JournalNotWritable", SsmErrorKind.InvalidArgument,
                    $"The journal '{path}' cannot be written: {ex.Message}",
                    "Choose a -JournalPath in a folder you can write to, with free disk space. Nothing was sent to any device.", ex)
                { Target = path };
            }
        }

        private static List<JObject> ReadEntries(string path)
        {
            var entries = new List<JObject>();
            if (!File.Exists(path)) return entries;
            // Read no more than the file's length: a device or FIFO given as the path (/dev/zero, /dev/full) would never end.
            string text;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                var length = new FileInfo(path).Length;
                var buffer = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = file.Read(buffer, read, (int)Math.Min(int.MaxValue, length - read));
                    if (n <= 0) break;
                    read += n;
                }
                text = Encoding.UTF8.GetString(buffer, 0, read);
            }
            foreach (var line in text.Split('\n'))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                try { entries.Add(JObject.Parse(line)); }
                catch (JsonException) { /* a line cut by a kill mid-write: that device is simply redone */ }
            }
            return entries;
        }

        /// <summary>Appends one entry as a single line and flushes it to disk.</summary>
        public void Append(object entry)
        {
            var line = JsonConvert.SerializeObject(entry, Formatting.None, JournalSettings) + "\n";
            var bytes = Encoding.UTF8.GetBytes(line);
            lock (_gate)
            {
                _stream.Seek(0, SeekOrigin.End); // another handle may have appended since (FileMode.Append does not re-seek)
                _stream.Write(bytes, 0, bytes.Length);
                _stream.Flush(true);
            }
        }

        internal static readonly JsonSerializerSettings JournalSettings = new JsonSerializerSettings
        {
            Converters = { new Newtonsoft.Json.Converters.StringEnumConverter() },
            NullValueHandling = NullValueHandling.Ignore,
            DateFormatHandling = DateFormatHandling.IsoDateFormat,
        };

        public void Dispose()
        {
            lock (_gate) _stream.Dispose();
        }
    }
}
