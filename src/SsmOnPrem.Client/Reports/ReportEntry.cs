using System;

namespace SsmOnPrem.Client.Reports
{
    /// <summary>
    /// One device's outcome as the fleet report sees it: the fields of a RegistrationResult that a report shows,
    /// read from result objects or from journal lines (several shards' journals merge into one list of these).
    /// Every text here was already masked when the result was made; the report escapes it again for HTML.
    /// </summary>
    public sealed class ReportEntry
    {
        public string ComputerName { get; set; }
        public int? Port { get; set; }
        public string Hostname { get; set; }
        public string Platform { get; set; }
        public string Release { get; set; }
        public string Mode { get; set; }
        public string Status { get; set; }
        public string FailureStage { get; set; }
        public string FailureReason { get; set; }
        public string ErrorId { get; set; }
        public string Recommendation { get; set; }
        public DateTimeOffset? StartedAt { get; set; }
        public TimeSpan? Duration { get; set; }
        /// <summary>Where the entry came from: a journal file name, or "pipeline".</summary>
        public string Source { get; set; }

        /// <summary>Devices are the same when name and port match (the journal's own key).</summary>
        public string Key => $"{(ComputerName ?? "").ToLowerInvariant()}:{Port}";

        public bool IsFailed => string.Equals(Status, "Failed", StringComparison.OrdinalIgnoreCase);

        public DateTimeOffset? FinishedAt => StartedAt.HasValue && Duration.HasValue ? StartedAt + Duration : null;
    }
}
