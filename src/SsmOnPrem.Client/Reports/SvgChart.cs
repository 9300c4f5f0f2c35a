using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SsmOnPrem.Client.Reports
{
    /// <summary>
    /// Small inline SVG charts for the HTML report: no script, no font or style from outside, sized by viewBox so they
    /// scale with the page. Each chart carries a title for screen readers; the same numbers are also in a table next to
    /// it, because some mail clients drop SVG.
    /// </summary>
    internal static class SvgChart
    {
        internal sealed class Bar
        {
            public string Label;
            public IReadOnlyList<(string Series, int Value, string Colour)> Segments;
            public int Total => Segments.Sum(s => s.Value);
        }

        private const int Width = 640;
        private const int RowHeight = 26;
        private const int LabelWidth = 170;
        private const int CountWidth = 70;

        /// <summary>One horizontal bar per row; a row may be split into coloured segments (stacked).</summary>
        public static string HorizontalBars(string title, IReadOnlyList<Bar> rows)
        {
            var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => r.Total));
            var height = Math.Max(1, rows.Count) * RowHeight + 8;
            var plot = Width - LabelWidth - CountWidth;
            var svg = Open(title, Width, height);
            for (int i = 0; i < rows.Count; i++)
            {
                var y = 4 + i * RowHeight;
                svg.Append(Text(LabelWidth - 8, y + 17, rows[i].Label, "end"));
                double x = LabelWidth;
                foreach (var segment in rows[i].Segments.Where(s => s.Value > 0))
                {
                    var w = Math.Max(1.5, plot * (double)segment.Value / max);
                    svg.Append($"<rect x=\"{N(x)}\" y=\"{y + 4}\" width=\"{N(w)}\" height=\"{RowHeight - 8}\" fill=\"{segment.Colour}\">")
                       .Append("<title>").Append(Html.Encode($"{rows[i].Label}: {segment.Value} {segment.Series}")).Append("</title></rect>");
                    x += w;
                }
                svg.Append(Text(x + 6, y + 17, rows[i].Total.ToString("N0", CultureInfo.InvariantCulture), "start"));
            }
            return svg.Append("</svg>").ToString();
        }

        /// <summary>Vertical bars over equal-width bins, with the bins' edges under the axis.</summary>
        public static string Histogram(string title, IReadOnlyList<int> counts, IReadOnlyList<string> edgeLabels, string colour)
        {
            const int height = 220, left = 44, bottom = 36, top = 12;
            var plotWidth = Width - left - 12;
            var plotHeight = height - bottom - top;
            var max = Math.Max(1, counts.Count == 0 ? 1 : counts.Max());
            var svg = Open(title, Width, height);
            svg.Append($"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{Width - 12}\" y2=\"{height - bottom}\" stroke=\"#888\"/>");
            svg.Append(Text(left - 6, top + 10, max.ToString("N0", CultureInfo.InvariantCulture), "end"));
            svg.Append(Text(left - 6, height - bottom, "0", "end"));
            var barWidth = counts.Count == 0 ? 0 : (double)plotWidth / counts.Count;
            for (int i = 0; i < counts.Count; i++)
            {
                var h = plotHeight * (double)counts[i] / max;
                if (counts[i] > 0 && h < 1.5) h = 1.5;
                var x = left + i * barWidth;
                svg.Append($"<rect x=\"{N(x + 1)}\" y=\"{N(height - bottom - h)}\" width=\"{N(Math.Max(1, barWidth - 2))}\" height=\"{N(h)}\" fill=\"{colour}\">")
                   .Append("<title>").Append(Html.Encode($"{edgeLabels[i]}–{edgeLabels[i + 1]}: {counts[i]} devices")).Append("</title></rect>");
            }
            // Edge labels: at most ~8, so they never overlap.
            var step = Math.Max(1, (int)Math.Ceiling(edgeLabels.Count / 8.0));
            for (int i = 0; i < edgeLabels.Count; i += step)
                svg.Append(Text(left + i * barWidth, height - bottom + 16, edgeLabels[i], "middle"));
            svg.Append(Text(left + plotWidth / 2.0, height - 4, "seconds per device", "middle"));
            return svg.Append("</svg>").ToString();
        }

        private static StringBuilder Open(string title, int width, int height) =>
            new StringBuilder()
                .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" class=\"chart\">")
                .Append("<title>").Append(Html.Encode(title)).Append("</title>");

        private static string Text(double x, double y, string text, string anchor) =>
            $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" font-size=\"12\" font-family=\"Segoe UI, Arial, sans-serif\" fill=\"#222\">{Html.Encode(Html.Shorten(text, 28))}</text>";

        private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    }
}
