using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Reports
{
    /// <summary>
    /// Reads Register-SsmDevice journals (JSON lines, one finished device per line) into report entries. Tolerant the way
    /// a rerun is: blank lines and lines cut by a kill are skipped and counted, unknown fields are ignored.
    /// </summary>
    public static class JournalReportReader
    {
        /// <summary>Hard cap on one journal's size: a journal of 100,000 devices is ~60 MB; anything far past that is not a journal.</summary>
        public const long MaxJournalBytes = 512L * 1024 * 1024;

        public static IReadOnlyList<ReportEntry> Read(string path, out int unreadableLines)
        {
            unreadableLines = 0;
            var entries = new List<ReportEntry>();
            FileInfo info;
            try { info = new FileInfo(path); }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw NotReadable(path, ex.Message, ex);
            }
            if (!info.Exists) throw new SsmOnPremException("JournalNotFound", SsmErrorKind.ObjectNotFound,
                $"The journal '{path}' does not exist.", "Give -JournalPath the file a Register-SsmDevice -JournalPath run wrote.") { Target = path };
            if (info.Length > MaxJournalBytes) throw NotReadable(path, $"it is {info.Length / (1024 * 1024)} MB, more than a journal can be ({MaxJournalBytes / (1024 * 1024)} MB)", null);
            try
            {
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var reader = new StreamReader(stream, Encoding.UTF8))
                {
                    string line;
                    while ((line = reader.ReadLine()) != null)
                    {
                        if (string.IsNullOrWhiteSpace(line)) continue;
                        var entry = Parse(line);
                        if (entry == null) { unreadableLines++; continue; }
                        entry.Source = Path.GetFileName(path);
                        entries.Add(entry);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw NotReadable(path, ex.Message, ex);
            }
            return entries;
        }

        /// <summary>One journal line → an entry; null when the line is not a result (cut by a kill, or another file).</summary>
        internal static ReportEntry Parse(string line)
        {
            JObject o;
            try { o = JObject.Parse(line); }
            catch (JsonException) { return null; }
            return ReportEntry.FromFields(name => o[name] is JValue v ? v.Value : null, null);
        }

        private static SsmOnPremException NotReadable(string path, string why, Exception inner) =>
            new SsmOnPremException("JournalNotReadable", SsmErrorKind.InvalidArgument, $"The journal '{path}' cannot be read: {why}",
                "Give -JournalPath a journal written by Register-SsmDevice -JournalPath.", inner) { Target = path };
    }
}
