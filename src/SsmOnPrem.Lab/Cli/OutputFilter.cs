using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace SsmOnPrem.Lab.Cli
{
    /// <summary>The '| include|exclude|begin|section|count REGEX' output modifiers.</summary>
    public static class OutputFilter
    {
        private static readonly string[] Modifiers = { "include", "exclude", "begin", "section", "count", "grep" };

        public static string Apply(string output, string filter, out int? errorColumn)
        {
            errorColumn = null;
            int space = filter.IndexOf(' ');
            var word = space < 0 ? filter : filter.Substring(0, space);
            var pattern = space < 0 ? "" : filter.Substring(space + 1).Trim();
            var candidates = Modifiers.Where(m => m.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
            if (word.Length == 0 || candidates.Count != 1 || pattern.Length == 0 && candidates[0] != "count") { errorColumn = 0; return null; }
            Regex regex;
            try { regex = new Regex(pattern, RegexOptions.CultureInvariant); }
            catch (ArgumentException) { regex = new Regex(Regex.Escape(pattern)); }
            var lines = output.Replace("\r\n", "\n").Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            IEnumerable<string> result;
            switch (candidates[0])
            {
                case "include": case "grep": result = lines.Where(l => regex.IsMatch(l)); break;
                case "exclude": result = lines.Where(l => !regex.IsMatch(l)); break;
                case "begin": result = lines.SkipWhile(l => !regex.IsMatch(l)); break;
                case "count": return $"Number of lines which match regexp = {lines.Count(l => pattern.Length == 0 || regex.IsMatch(l))}\n";
                default: result = Section(lines, regex); break;
            }
            var text = string.Join("\n", result);
            return text.Length == 0 ? "" : text + "\n";
        }

        // A section is a top-level line and the indented lines under it; shown whole when its header or any of its lines match.
        private static IEnumerable<string> Section(List<string> lines, Regex regex)
        {
            var result = new List<string>();
            for (int i = 0; i < lines.Count; i++)
            {
                if (lines[i].StartsWith(" ")) continue;
                int end = i + 1;
                while (end < lines.Count && lines[end].StartsWith(" ")) end++;
                var block = lines.GetRange(i, end - i);
                if (block.Any(l => regex.IsMatch(l))) result.AddRange(block);
                i = end - 1;
            }
            return result;
        }
    }
}
