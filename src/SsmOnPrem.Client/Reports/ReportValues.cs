using System;
using System.Globalization;

namespace SsmOnPrem.Client.Reports
{
    /// <summary>
    /// Turns the forms a start time or a duration arrives in (typed values, journal JSON, CSV text, ConvertFrom-Json
    /// objects) into typed values; anything else is null rather than an error, so one odd row never sinks a report.
    /// </summary>
    public static class ReportValues
    {
        public static DateTimeOffset? ToDateTimeOffset(object value)
        {
            switch (value)
            {
                case null: return null;
                case DateTimeOffset dto: return dto;
                case DateTime dt: return dt.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : new DateTimeOffset(dt);
                case string s:
                    return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : (DateTimeOffset?)null;
                default: return null;
            }
        }

        /// <summary>A TimeSpan, "hh:mm:ss.fff" text (the journal's form), or a number of seconds.</summary>
        public static TimeSpan? ToDuration(object value)
        {
            switch (value)
            {
                case null: return null;
                case TimeSpan ts: return ts < TimeSpan.Zero ? (TimeSpan?)null : ts;
                case string s:
                    if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var parsed)) return parsed < TimeSpan.Zero ? (TimeSpan?)null : parsed;
                    return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? Seconds(seconds) : null;
                case double d: return Seconds(d);
                case float f: return Seconds(f);
                case int i: return Seconds(i);
                case long l: return Seconds(l);
                case decimal m: return Seconds((double)m);
                default: return null;
            }
        }

        private static TimeSpan? Seconds(double s) =>
            double.IsNaN(s) || double.IsInfinity(s) || s < 0 || s > TimeSpan.MaxValue.TotalSeconds / 2 ? (TimeSpan?)null : TimeSpan.FromSeconds(s);
    }
}
