using System;
using System.Globalization;

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

        /// <summary>
        /// An entry from named fields, whatever holds them (a journal line, a CSV row, a ConvertFrom-Json object):
        /// <paramref name="field"/> returns a field's plain value (text, number, date, TimeSpan) or null. Null when the
        /// fields name no device or no status: then it is not a result.
        /// </summary>
        public static ReportEntry FromFields(Func<string, object> field, string source)
        {
            string Text(string name) => field(name) is object v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
            var computerName = Text("ComputerName");
            var status = Text("Status");
            if (string.IsNullOrEmpty(computerName) || string.IsNullOrEmpty(status)) return null;
            return new ReportEntry
            {
                ComputerName = computerName,
                Port = int.TryParse(Text("Port"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : (int?)null,
                Hostname = Text("Hostname"),
                Platform = Text("Platform"),
                Release = Text("Release"),
                Mode = Text("Mode"),
                Status = status,
                FailureStage = Text("FailureStage"),
                FailureReason = Text("FailureReason"),
                ErrorId = Text("ErrorId"),
                Recommendation = Text("Recommendation"),
                StartedAt = ReportValues.ToDateTimeOffset(field("StartedAt")),
                Duration = ReportValues.ToDuration(field("Duration")),
                Source = source,
            };
        }

        /// <summary>Devices are the same when name and port match (the journal's own key).</summary>
        public string Key => $"{(ComputerName ?? "").ToLowerInvariant()}:{Port}";

        public bool IsFailed => string.Equals(Status, "Failed", StringComparison.OrdinalIgnoreCase);

        public DateTimeOffset? FinishedAt => StartedAt.HasValue && Duration.HasValue ? StartedAt + Duration : null;
    }
}
