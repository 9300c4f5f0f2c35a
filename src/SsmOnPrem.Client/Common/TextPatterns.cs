using System;
using System.Text.RegularExpressions;

namespace SsmOnPrem.Client.Common
{
    /// <summary>
    /// Every regex the module applies to text from a device or a server goes through here, so each has a match timeout:
    /// a hostile or broken peer cannot pin a worker thread in a regex (docs/SECURITY.md, "Bounded device I/O").
    /// Patterns must also stay linear; the timeout is the backstop, not the plan.
    /// </summary>
    public static class TextPatterns
    {
        /// <summary>No pattern of ours needs more than a few milliseconds on a capped line or output.</summary>
        public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

        public static Regex Create(string pattern, RegexOptions options = RegexOptions.None) =>
            new Regex(pattern, options | RegexOptions.CultureInvariant, MatchTimeout);

        public static Match Match(string input, string pattern, RegexOptions options = RegexOptions.None) =>
            Regex.Match(input ?? string.Empty, pattern, options | RegexOptions.CultureInvariant, MatchTimeout);

        public static bool IsMatch(string input, string pattern, RegexOptions options = RegexOptions.None) =>
            Regex.IsMatch(input ?? string.Empty, pattern, options | RegexOptions.CultureInvariant, MatchTimeout);

        public static string Replace(string input, string pattern, string replacement, RegexOptions options = RegexOptions.None) =>
            Regex.Replace(input ?? string.Empty, pattern, replacement, options | RegexOptions.CultureInvariant, MatchTimeout);
    }
}
