using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace SsmOnPrem.Commands.Completion
{
    /// <summary>Turns candidate values into CompletionResults: prefix or wildcard match, quoted when needed.</summary>
    internal static class CompletionCandidates
    {
        internal static IEnumerable<CompletionResult> Match(string wordToComplete, IEnumerable<KeyValuePair<string, string>> valuesWithTooltips)
        {
            var typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return valuesWithTooltips
                .Where(v => pattern.IsMatch(v.Key))
                .OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase)
                .Select(v => new CompletionResult(Quote(v.Key), v.Key, CompletionResultType.ParameterValue, string.IsNullOrEmpty(v.Value) ? v.Key : v.Value))
                .ToList();
        }

        internal static IEnumerable<CompletionResult> Match(string wordToComplete, IEnumerable<string> values) =>
            Match(wordToComplete, values.Select(v => new KeyValuePair<string, string>(v, v)));

        // Names with spaces or PowerShell metacharacters ('Branch Offices', 'R&D') must arrive as one argument.
        private static string Quote(string value)
        {
            var needsQuotes = value.Length == 0 || value.IndexOfAny(new[] { ' ', '\t', '\'', '"', '`', '$', '&', '(', ')', '{', '}', ';', ',', '|', '@', '#', '<', '>' }) >= 0;
            return needsQuotes ? "'" + value.Replace("'", "''") + "'" : value;
        }
    }
}
