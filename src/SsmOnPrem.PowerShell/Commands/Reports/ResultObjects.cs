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
            return ReportEntry.FromFields(name => name == "Duration" ? Duration(Value(input, name)) : Value(input, name), "pipeline");
        }

        private static object Duration(object value)
        {
            // ConvertTo-Json writes a TimeSpan as an object; after ConvertFrom-Json it is a PSCustomObject with TotalSeconds.
            if (value is PSObject ps && !(ps.BaseObject is string) && ps.Properties["TotalSeconds"] != null)
                return Unwrap(ps.Properties["TotalSeconds"].Value);
            return value;
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
