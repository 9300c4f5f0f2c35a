using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace SsmOnPrem.Client.Reports
{
    /// <summary>
    /// Writes a fleet report as ONE self-contained HTML file: inline CSS and inline SVG, no script, no image, font or
    /// style sheet from anywhere, so it opens offline in a browser and survives being attached to a ticket or an e-mail.
    /// Every chart has a table with the same numbers beside it (mail clients that drop SVG still show the data).
    /// </summary>
    public sealed class HtmlReportWriter
    {
        /// <summary>Failed devices listed one by one; past this the report says how many more there are.</summary>
        public const int MaxFailedRows = 1000;
        private const int SlowestRows = 10;
        private const int TopReasons = 15;

        private static readonly string[] StageOrder = { "Connect", "Identify", "Transport", "Connectivity", "Register", "Wait", "Verify" };

        public static string StatusColour(string status)
        {
            switch ((status ?? "").ToLowerInvariant())
            {
                case "registered": return "#2e7d32";
                case "alreadyregistered": return "#66bb6a";
                case "reported": return "#00897b";
                case "submitted": return "#1e88e5";
                case "skipped": return "#9e9e9e";
                case "failed": return "#c62828";
                default: return "#8d6e63";
            }
        }

        /// <summary>Writes the whole page. <paramref name="runParameters"/> are shown under "Run" and must already be free
        /// of secrets (the cmdlet masks them); <paramref name="generator"/> names the module and version.</summary>
        public void Write(TextWriter output, FleetReport report, RegistrationReportSummary summary, IEnumerable<KeyValuePair<string, string>> runParameters, string generator)
        {
            var entries = report.Entries;
            var page = new StringBuilder(64 * 1024 + entries.Count * 200);
            page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .Append("<title>").Append(Html.Encode(summary.Title)).Append("</title><style>").Append(Css).Append("</style></head><body>\n");

            page.Append("<h1>").Append(Html.Encode(summary.Title)).Append("</h1>\n<p class=\"sub\">")
                .Append(Html.Encode(Window(summary))).Append("</p>\n");
            Cards(page, summary);
            Outcomes(page, summary);
            Platforms(page, entries);
            // Overview first (what a manager reads), then the long lists (what an engineer works through).
            Failures(page, entries, summary);
            Timings(page, entries);
            FailedDevices(page, entries);
            Run(page, summary, runParameters, generator);
            page.Append("</body></html>\n");
            output.Write(page.ToString());
        }

        private static void Cards(StringBuilder page, RegistrationReportSummary s)
        {
            page.Append("<table class=\"cards\"><tr>");
            Card(page, "Devices", s.Total.ToString("N0", CultureInfo.InvariantCulture), null);
            Card(page, "Succeeded", s.Succeeded.ToString("N0", CultureInfo.InvariantCulture), s.SuccessPercent.HasValue ? s.SuccessPercent.Value.ToString("0.#", CultureInfo.InvariantCulture) + " % of attempted" : null, "ok");
            Card(page, "Failed", s.Failed.ToString("N0", CultureInfo.InvariantCulture), null, s.Failed > 0 ? "bad" : null);
            Card(page, "Skipped", s.Skipped.ToString("N0", CultureInfo.InvariantCulture), "done in an earlier run");
            Card(page, "Wall clock", Duration(s.WallClock), "first start to last finish");
            Card(page, "Per device", Duration(s.MedianDuration), "median; p95 " + Duration(s.P95Duration));
            page.Append("</tr></table>\n");
        }

        private static void Card(StringBuilder page, string label, string value, string note, string css = null)
        {
            page.Append("<td class=\"card").Append(css != null ? " " + css : "").Append("\"><div class=\"label\">").Append(Html.Encode(label))
                .Append("</div><div class=\"value\">").Append(Html.Encode(value)).Append("</div>");
            if (note != null) page.Append("<div class=\"note\">").Append(Html.Encode(note)).Append("</div>");
            page.Append("</td>");
        }

        private static void Outcomes(StringBuilder page, RegistrationReportSummary s)
        {
            page.Append("<h2>Outcomes</h2>\n<div class=\"pair\">");
            var bars = s.ByStatus.Select(kv => new SvgChart.Bar { Label = kv.Key, Segments = new[] { (kv.Key, kv.Value, StatusColour(kv.Key)) } }).ToList();
            page.Append(SvgChart.HorizontalBars("Devices per outcome", bars));
            Table(page, new[] { "Outcome", "Devices", "Share" }, s.ByStatus.Select(kv => new[]
            {
                kv.Key, kv.Value.ToString("N0", CultureInfo.InvariantCulture), Percent(kv.Value, s.Total),
            }), numericFrom: 1);
            page.Append("</div>\n");
        }

        private static void Platforms(StringBuilder page, IReadOnlyList<ReportEntry> entries)
        {
            page.Append("<h2>By platform</h2>\n<div class=\"pair\">");
            var rows = entries.GroupBy(e => e.Platform ?? "(not identified)", StringComparer.OrdinalIgnoreCase)
                .Select(g => new
                {
                    Platform = g.Key,
                    Total = g.Count(),
                    Ok = g.Count(e => FleetReport.SucceededStatuses.Contains(e.Status, StringComparer.OrdinalIgnoreCase)),
                    Failed = g.Count(e => e.IsFailed),
                })
                .OrderByDescending(r => r.Total).ThenBy(r => r.Platform, StringComparer.OrdinalIgnoreCase).ToList();
            page.Append(SvgChart.HorizontalBars("Outcomes per platform (green succeeded, red failed, grey other)", rows.Select(r => new SvgChart.Bar
            {
                Label = r.Platform,
                Segments = new[] { ("succeeded", r.Ok, StatusColour("Registered")), ("failed", r.Failed, StatusColour("Failed")), ("other", r.Total - r.Ok - r.Failed, StatusColour("Skipped")) },
            }).ToList()));
            Table(page, new[] { "Platform", "Devices", "Succeeded", "Failed", "Other" }, rows.Select(r => new[]
            {
                r.Platform, N(r.Total), N(r.Ok), N(r.Failed), N(r.Total - r.Ok - r.Failed),
            }), numericFrom: 1);
            page.Append("</div>\n");
        }

        private static void Failures(StringBuilder page, IReadOnlyList<ReportEntry> entries, RegistrationReportSummary s)
        {
            var failed = entries.Where(e => e.IsFailed).ToList();
            page.Append("<h2>Failures</h2>\n");
            if (failed.Count == 0) { page.Append("<p class=\"good\">No device failed.</p>\n"); return; }

            var stages = s.ByFailureStage.Keys.OrderBy(k => Array.IndexOf(StageOrder, k) is int i && i >= 0 ? i : StageOrder.Length).ThenBy(k => k);
            page.Append("<div class=\"pair\">").Append(SvgChart.HorizontalBars("Failed devices per stage",
                stages.Select(k => new SvgChart.Bar { Label = k, Segments = new[] { ("failed", s.ByFailureStage[k], StatusColour("Failed")) } }).ToList()));
            Table(page, new[] { "Stage", "Failed devices" }, stages.Select(k => new[] { k, N(s.ByFailureStage[k]) }), numericFrom: 1);
            page.Append("</div>\n<h3>Most common reasons</h3>\n");
            var reasons = failed.GroupBy(e => (e.FailureStage, e.ErrorId, e.FailureReason))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.FailureStage).Take(TopReasons).ToList();
            Table(page, new[] { "Devices", "Stage", "Error", "Reason", "What to do" }, reasons.Select(g => new[]
            {
                N(g.Count()), g.Key.FailureStage, g.Key.ErrorId, g.Key.FailureReason, g.Select(e => e.Recommendation).FirstOrDefault(r => !string.IsNullOrEmpty(r)),
            }), numericTo: 0);
        }

        private static void FailedDevices(StringBuilder page, IReadOnlyList<ReportEntry> entries)
        {
            var failed = entries.Where(e => e.IsFailed).ToList();
            if (failed.Count == 0) return;
            page.Append("<h2>Failed devices</h2>\n");
            Table(page, new[] { "Device", "Address", "Platform", "Stage", "Error", "Reason", "What to do" }, failed.Take(MaxFailedRows).Select(e => new[]
            {
                e.Hostname ?? e.ComputerName, Address(e), e.Platform, e.FailureStage, e.ErrorId, e.FailureReason, e.Recommendation,
            }));
            if (failed.Count > MaxFailedRows)
                page.Append("<p class=\"note\">").Append(N(failed.Count - MaxFailedRows))
                    .Append(" more failed devices are not listed here; every one is in the results and the journal (Where-Object Status -eq Failed | Export-Csv).</p>\n");
        }

        private static void Timings(StringBuilder page, IReadOnlyList<ReportEntry> entries)
        {
            var timed = entries.Where(e => e.Duration.HasValue && !FleetReport.IsSkipped(e)).ToList();
            page.Append("<h2>Timings</h2>\n");
            if (timed.Count == 0) { page.Append("<p>No durations were recorded.</p>\n"); return; }
            var max = timed.Max(e => e.Duration.Value.TotalSeconds);
            var binWidth = NiceBinWidth(max, 20);
            var bins = Math.Max(1, (int)Math.Ceiling(max / binWidth + 1e-9));
            var counts = new int[bins];
            foreach (var e in timed) counts[Math.Min(bins - 1, (int)(e.Duration.Value.TotalSeconds / binWidth))]++;
            var edges = Enumerable.Range(0, bins + 1).Select(i => (i * binWidth).ToString("0.#", CultureInfo.InvariantCulture)).ToList();
            page.Append(SvgChart.Histogram("Devices per duration", counts, edges, "#5c6bc0"));
            page.Append("<h3>Slowest devices</h3>\n");
            Table(page, new[] { "Device", "Address", "Platform", "Outcome", "Seconds" }, timed.OrderByDescending(e => e.Duration.Value).Take(SlowestRows).Select(e => new[]
            {
                e.Hostname ?? e.ComputerName, Address(e), e.Platform, e.Status, e.Duration.Value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            }), numericFrom: 4);
        }

        private static void Run(StringBuilder page, RegistrationReportSummary s, IEnumerable<KeyValuePair<string, string>> parameters, string generator)
        {
            page.Append("<h2>Run</h2>\n");
            var rows = new List<string[]>
            {
                new[] { "Results from", s.Sources == null || s.Sources.Length == 0 ? "(none)" : string.Join(", ", s.Sources) },
                new[] { "First device started", Stamp(s.FirstStartedAt) },
                new[] { "Last device finished", Stamp(s.LastFinishedAt) },
                new[] { "Repeated entries merged (reruns, overlapping journals)", N(s.DuplicatesMerged) },
                new[] { "Unreadable journal lines skipped", N(s.UnreadableLines) },
            };
            rows.AddRange((parameters ?? Enumerable.Empty<KeyValuePair<string, string>>()).Select(kv => new[] { kv.Key, kv.Value }));
            rows.Add(new[] { "Report generated", Stamp(s.GeneratedAt) + (generator != null ? " by " + generator : "") });
            Table(page, new[] { "", "" }, rows, header: false);
        }

        private static void Table(StringBuilder page, string[] headers, IEnumerable<string[]> rows, int numericFrom = int.MaxValue, int numericTo = -1, bool header = true)
        {
            page.Append("<table class=\"data\">");
            if (header)
            {
                page.Append("<tr>");
                foreach (var h in headers) page.Append("<th>").Append(Html.Encode(h)).Append("</th>");
                page.Append("</tr>");
            }
            foreach (var row in rows)
            {
                page.Append("<tr>");
                for (int i = 0; i < row.Length; i++)
                    page.Append(i >= numericFrom || i <= numericTo ? "<td class=\"num\">" : "<td>").Append(Html.Encode(row[i] ?? "")).Append("</td>");
                page.Append("</tr>");
            }
            page.Append("</table>\n");
        }

        /// <summary>1, 2 or 5 times a power of ten, so that about <paramref name="target"/> bins cover 0..max.</summary>
        internal static double NiceBinWidth(double max, int target)
        {
            if (max <= 0) return 1;
            var raw = max / target;
            var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            foreach (var m in new[] { 1.0, 2.0, 5.0, 10.0 }) if (m * magnitude >= raw) return m * magnitude;
            return 10 * magnitude;
        }

        private static string Window(RegistrationReportSummary s) =>
            s.FirstStartedAt.HasValue ? $"{Stamp(s.FirstStartedAt)} to {Stamp(s.LastFinishedAt)} · {s.Total:N0} devices" : $"{s.Total:N0} devices";

        private static string Address(ReportEntry e) => e.Port.HasValue && e.Port != 22 ? $"{e.ComputerName}:{e.Port}" : e.ComputerName;
        private static string Stamp(DateTimeOffset? t) => t.HasValue ? t.Value.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "—";
        private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        private static string Percent(int part, int whole) => whole == 0 ? "—" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + " %";

        private static string Duration(TimeSpan? d)
        {
            if (!d.HasValue) return "—";
            var t = d.Value;
            if (t.TotalSeconds < 60) return t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
            if (t.TotalHours < 1) return $"{(int)t.TotalMinutes} min {t.Seconds} s";
            return $"{(int)t.TotalHours} h {t.Minutes} min";
        }

        private const string Css =
            "body{font-family:'Segoe UI',Arial,sans-serif;color:#222;margin:24px;max-width:1100px}" +
            "h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}" +
            ".sub{color:#555;margin:0 0 16px}.note{color:#666;font-size:12px}.good{color:#2e7d32}" +
            "table.cards{border-collapse:separate;border-spacing:8px 0;margin-left:-8px}" +
            "td.card{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:110px;vertical-align:top;background:#fafafa}" +
            "td.card .label{font-size:12px;color:#555;text-transform:uppercase;letter-spacing:.04em}td.card .value{font-size:26px;font-weight:600}" +
            "td.card.ok .value{color:#2e7d32}td.card.bad .value{color:#c62828}" +
            ".pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}svg.chart{max-width:100%;height:auto}" +
            "table.data{border-collapse:collapse;font-size:13px;margin:4px 0}table.data th,table.data td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}" +
            "table.data th{background:#f0f0f0}table.data td.num{text-align:right;white-space:nowrap}table.data tr:nth-child(even) td{background:#fbfbfb}";
    }
}
