using System;
using System.Collections.Generic;
using System.Linq;

namespace SsmOnPrem.Client.Reports
{
    /// <summary>
    /// The results of one fleet run, possibly gathered from several shards' journals and reruns: one entry per device
    /// (name and port), the latest attempt winning, plus the figures a report and a chat message need.
    /// </summary>
    public sealed class FleetReport
    {
        /// <summary>Statuses that mean the device ended licensed (legacy registered, or SLP usage acknowledged).</summary>
        public static readonly IReadOnlyCollection<string> SucceededStatuses = new[] { "Registered", "AlreadyRegistered", "Reported" };

        private readonly Dictionary<string, ReportEntry> _byDevice = new Dictionary<string, ReportEntry>(StringComparer.Ordinal);
        private readonly List<string> _sources = new List<string>();

        /// <summary>Entries that named a device already seen (a rerun, or the same device in two journals); the latest attempt was kept.</summary>
        public int DuplicatesMerged { get; private set; }

        /// <summary>Journal lines that were not results (cut by a kill, or not a journal at all).</summary>
        public int UnreadableLines { get; private set; }

        public IReadOnlyList<string> Sources => _sources;

        /// <summary>Skipped results (a journal rerun's "done earlier") never replace the attempt that did the work.</summary>
        public void Add(ReportEntry entry)
        {
            if (entry == null || string.IsNullOrEmpty(entry.ComputerName) || string.IsNullOrEmpty(entry.Status)) return;
            if (_byDevice.TryGetValue(entry.Key, out var earlier))
            {
                DuplicatesMerged++;
                if (IsSkipped(entry) && !IsSkipped(earlier)) return;
                if (!IsSkipped(earlier) || IsSkipped(entry))
                {
                    // Same kind of attempt: the later start wins; with no start times, the one read last.
                    if (earlier.StartedAt.HasValue && entry.StartedAt.HasValue && entry.StartedAt < earlier.StartedAt) return;
                }
            }
            _byDevice[entry.Key] = entry;
        }

        public void AddSource(string source, int unreadableLines)
        {
            if (!string.IsNullOrEmpty(source) && !_sources.Contains(source)) _sources.Add(source);
            UnreadableLines += Math.Max(0, unreadableLines);
        }

        /// <summary>Every device once, failed ones first, then by name.</summary>
        public IReadOnlyList<ReportEntry> Entries =>
            _byDevice.Values.OrderBy(e => e.IsFailed ? 0 : 1).ThenBy(e => e.Hostname ?? e.ComputerName, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Port).ToList();

        public RegistrationReportSummary Summarize(string title)
        {
            var entries = _byDevice.Values.ToList();
            var durations = entries.Where(e => e.Duration.HasValue && !IsSkipped(e)).Select(e => e.Duration.Value).OrderBy(d => d).ToList();
            var starts = entries.Where(e => e.StartedAt.HasValue).Select(e => e.StartedAt.Value).ToList();
            var ends = entries.Select(e => e.FinishedAt).Where(f => f.HasValue).Select(f => f.Value).ToList();
            return new RegistrationReportSummary
            {
                Title = title,
                GeneratedAt = DateTimeOffset.Now,
                Total = entries.Count,
                Succeeded = entries.Count(e => SucceededStatuses.Contains(e.Status, StringComparer.OrdinalIgnoreCase)),
                Failed = entries.Count(e => e.IsFailed),
                Skipped = entries.Count(IsSkipped),
                ByStatus = CountBy(entries, e => e.Status),
                ByPlatform = CountBy(entries, e => e.Platform ?? "(not identified)"),
                ByFailureStage = CountBy(entries.Where(e => e.IsFailed), e => e.FailureStage ?? "(unknown)"),
                ByErrorId = CountBy(entries.Where(e => e.IsFailed), e => e.ErrorId ?? "(none)"),
                FirstStartedAt = starts.Count > 0 ? starts.Min() : (DateTimeOffset?)null,
                LastFinishedAt = ends.Count > 0 ? ends.Max() : (DateTimeOffset?)null,
                MedianDuration = Percentile(durations, 0.5),
                P95Duration = Percentile(durations, 0.95),
                MaxDuration = durations.Count > 0 ? durations[durations.Count - 1] : (TimeSpan?)null,
                Sources = _sources.ToArray(),
                DuplicatesMerged = DuplicatesMerged,
                UnreadableLines = UnreadableLines,
            };
        }

        internal static bool IsSkipped(ReportEntry e) => string.Equals(e.Status, "Skipped", StringComparison.OrdinalIgnoreCase);

        /// <summary>Counts per key, largest first (ties by name), so the order reads the same in JSON, chat and the report.</summary>
        private static Dictionary<string, int> CountBy(IEnumerable<ReportEntry> entries, Func<ReportEntry, string> key)
        {
            var ordered = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var group in entries.GroupBy(key, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
                ordered[group.Key] = group.Count();
            return ordered;
        }

        /// <summary>Nearest-rank percentile of a sorted list.</summary>
        internal static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
        {
            if (sorted.Count == 0) return null;
            var rank = (int)Math.Ceiling(p * sorted.Count);
            return sorted[Math.Min(sorted.Count, Math.Max(1, rank)) - 1];
        }
    }
}
