using System;
using System.Globalization;
using System.Management.Automation;
using SsmOnPrem.Client.Reports;
using SsmOnPrem.Client.Workflows;

namespace SsmOnPrem.Commands.Reports
{
    /// <summary>
    /// Reads a piped object as a report entry: a RegistrationResult as is, or anything with the same property names
    /// (Import-Csv rows are all text, ConvertFrom-Json gives numbers, dates and a TimeSpan as an object with TotalSeconds).
    /// </summary>
    internal static class ResultObjects
    {
        internal static ReportEntry ToEntry(PSObject input)
        {
            if (input.BaseObject is RegistrationResult r)
                return new ReportEntry
                {
                    ComputerName = r.ComputerName, Port = r.Port, Hostname = r.Hostname, Platform = r.Platform, Release = r.Release, Mode = r.Mode,
                    Status = r.Status, FailureStage = r.FailureStage, FailureReason = r.FailureReason, ErrorId = r.ErrorId,
                    Recommendation = Text(input, "Recommendation"), StartedAt = r.StartedAt, Duration = r.Duration,
                    Source = "pipeline",
                };
            var name = Text(input, "ComputerName");
            var status = Text(input, "Status");
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(status)) return null;
            return new ReportEntry
            {
                ComputerName = name,
                Port = int.TryParse(Text(input, "Port"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) ? port : (int?)null,
                Hostname = Text(input, "Hostname"),
                Platform = Text(input, "Platform"),
                Release = Text(input, "Release"),
                Mode = Text(input, "Mode"),
                Status = status,
                FailureStage = Text(input, "FailureStage"),
                FailureReason = Text(input, "FailureReason"),
                ErrorId = Text(input, "ErrorId"),
                Recommendation = Text(input, "Recommendation"),
                StartedAt = ReportValues.ToDateTimeOffset(Value(input, "StartedAt")),
                Duration = Duration(Value(input, "Duration")),
                Source = "pipeline",
            };
        }

        private static TimeSpan? Duration(object value)
        {
            // ConvertTo-Json writes a TimeSpan as an object; after ConvertFrom-Json it is a PSCustomObject with TotalSeconds.
            if (value is PSObject ps && !(ps.BaseObject is string) && ps.Properties["TotalSeconds"] != null)
                return ReportValues.ToDuration(Unwrap(ps.Properties["TotalSeconds"].Value));
            return ReportValues.ToDuration(value);
        }

        private static object Value(PSObject input, string name) => Unwrap(input.Properties[name]?.Value);

        private static object Unwrap(object value) => value is PSObject ps && (ps.BaseObject is string || ps.BaseObject.GetType().IsValueType) ? ps.BaseObject : value;

        private static string Text(PSObject input, string name)
        {
            var value = Value(input, name);
            return value == null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }
}
