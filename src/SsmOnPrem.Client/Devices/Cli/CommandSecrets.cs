using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// Finds secrets inside CLI lines a caller typed by hand (Invoke-SsmDeviceCommand): ID tokens, passwords, secrets,
    /// keys. They are added to the session's masker before the line is sent, so the echo, transcript and results mask them.
    /// </summary>
    public static class CommandSecrets
    {
        private static readonly Regex Patterns = new Regex(
            @"\b(?:idtoken|password|secret|key-string|pre-shared-key|community)\s+(?:[0-9]\s+)?(?<v>\S+)",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>The line with every secret it holds replaced by the mask (for -WhatIf and verbose messages).</summary>
        public static string Mask(string line) =>
            Patterns.Replace(line ?? string.Empty, m => m.Value.Substring(0, m.Groups["v"].Index - m.Index) + Common.SecretMasker.Mask);

        public static IEnumerable<string> In(string line)
        {
            foreach (Match m in Patterns.Matches(line ?? string.Empty)) yield return m.Groups["v"].Value;
        }
    }
}
