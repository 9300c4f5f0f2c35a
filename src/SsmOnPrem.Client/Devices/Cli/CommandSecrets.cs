using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// Finds secrets inside CLI lines a caller typed by hand (Invoke-SsmDeviceCommand): ID tokens, passwords, secrets,
    /// keys (type-7 'key 7 X', 'crypto isakmp key X', TACACS/RADIUS keys), SNMP communities and SNMPv3 auth/priv keys.
    /// They are added to the session's masker before the line is sent, so the echo, transcript and results mask them.
    /// The list is in docs/SECURITY.md; each entry has a unit test.
    /// </summary>
    public static class CommandSecrets
    {
        private static readonly Regex[] Patterns =
        {
            TextPatterns.Create(@"\b(?:idtoken|password|passwd|secret|key-string|pre-shared-key|authentication-key|community)\s+(?:[0-9]\s+)?(?<v>\S+)", RegexOptions.IgnoreCase),
            TextPatterns.Create(@"\bkey\s+[0-9]\s+(?<v>\S+)", RegexOptions.IgnoreCase),
            TextPatterns.Create(@"\b(?:isakmp|tacacs-server|radius-server)\s+key\s+(?:[0-9]\s+)?(?<v>\S+)", RegexOptions.IgnoreCase),
            TextPatterns.Create(@"^\s*key\s+(?:[0-9]\s+)?(?<v>\S+)", RegexOptions.IgnoreCase),
            TextPatterns.Create(@"\bsnmp-server\s+user\b.*?\bauth\s+\S+\s+(?<v>\S+)", RegexOptions.IgnoreCase),
            TextPatterns.Create(@"\bsnmp-server\s+user\b.*?\bpriv\s+(?:(?:3des|des|aes(?:-?\d+)?)\s+(?:\d+\s+)?)?(?<v>\S+)", RegexOptions.IgnoreCase),
            TextPatterns.Create(@"\bsnmp-server\s+host\s+\S+\s+(?:(?:informs|traps)\s+)?version\s+(?:1|2c)\s+(?<v>\S+)", RegexOptions.IgnoreCase),
        };

        /// <summary>The line with every secret it holds replaced by the mask (for -WhatIf and verbose messages).</summary>
        public static string Mask(string line)
        {
            line = line ?? string.Empty;
            // Right to left, so earlier positions stay valid.
            foreach (var g in Values(line).OrderByDescending(g => g.Index))
                line = line.Substring(0, g.Index) + SecretMasker.Mask + line.Substring(g.Index + g.Length);
            return line;
        }

        public static IEnumerable<string> In(string line) => Values(line ?? string.Empty).Select(g => g.Value);

        private static IEnumerable<Group> Values(string line)
        {
            var seen = new HashSet<int>();
            foreach (var pattern in Patterns)
                foreach (Match m in pattern.Matches(line))
                {
                    var v = m.Groups["v"];
                    if (v.Success && v.Value != SecretMasker.Mask && seen.Add(v.Index)) yield return v;
                }
        }
    }
}
