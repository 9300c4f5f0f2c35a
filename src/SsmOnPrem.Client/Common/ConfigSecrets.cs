using System.Text;
using System.Text.RegularExpressions;

namespace SsmOnPrem.Client.Common
{
    /// <summary>
    /// Masks secret-bearing configuration lines in text a device printed, whatever command printed it: from the
    /// keyword that introduces a secret to the end of the line ("enable secret ********", "snmp-server community ********").
    /// The list is in docs/SECURITY.md ("What transcripts mask"); each entry has a unit test. Known secrets (the session's
    /// own passwords, tokens) are masked separately by <see cref="SecretMasker"/>.
    /// </summary>
    public static class ConfigSecrets
    {
        // One linear pass per line: every alternative starts at a word boundary and scans at most to the end of its line.
        private static readonly Regex Keyword = TextPatterns.Create(
            @"(?:\b(?:password|passwd|secret|key-string|pre-shared-key|authentication-key|community|idtoken|localizedkey|wpa-psk[ \t]+ascii)" +
            @"|\bmd5" +                                                       // ip ospf message-digest-key 1 md5 7 X; snmp auth md5 X
            @"|^[ \t]*key" +                                                  // ' key 7 X' under 'tacacs server', 'radius server'
            @"|\bisakmp[ \t]+key" +                                           // crypto isakmp key X address A
            @"|\bkey[ \t]+[0-9]{1,2}(?=[ \t])" +                              // any 'key 7 X' (type-7 keys), 'key 0 X'
            @"|\b(?:tacacs|radius)-server\b[^\r\n]*?\bkey" +                  // tacacs-server key 7 X, radius-server host A key X
            @"|\bserver-private\b[^\r\n]*?\bkey" +                            // server-private A key 7 X
            @"|\bsnmp-server[ \t]+user\b[^\r\n]*?\b(?:auth|priv)" +           // snmp-server user U G v3 auth sha X priv aes 128 Y
            @"|\bsnmp-server[ \t]+host\b[^\r\n]*?\b(?:version[ \t]+(?:1|2c)|informs|traps))" + // snmp-server host A version 2c COMMUNITY
            @"[ \t]+(?=\S)",
            RegexOptions.IgnoreCase | RegexOptions.Multiline);

        /// <summary>The text with every secret-bearing line masked from its keyword on; line ends are kept.</summary>
        public static string Mask(string text)
        {
            if (string.IsNullOrEmpty(text) || !MayHoldSecret(text)) return text;
            var sb = new StringBuilder(text.Length);
            var start = 0;
            while (start <= text.Length)
            {
                var end = text.IndexOf('\n', start);
                var lineEnd = end < 0 ? text.Length : end;
                var line = text.Substring(start, lineEnd - start);
                sb.Append(MaskLine(line));
                if (end < 0) break;
                sb.Append('\n');
                start = end + 1;
            }
            return sb.ToString();
        }

        private static string MaskLine(string line)
        {
            var cr = line.EndsWith("\r", System.StringComparison.Ordinal);
            var m = Keyword.Match(line);
            if (!m.Success) return line;
            var kept = line.Substring(0, m.Index + m.Length);
            return kept + SecretMasker.Mask + (cr ? "\r" : string.Empty);
        }

        // Cheap pre-check so bulk output without any keyword is not split into lines at all.
        private static bool MayHoldSecret(string text) =>
            IndexOf(text, "pass") || IndexOf(text, "secret") || IndexOf(text, "key") || IndexOf(text, "communit")
            || IndexOf(text, "md5") || IndexOf(text, "idtoken") || IndexOf(text, "snmp-server") || IndexOf(text, "wpa-psk");

        private static bool IndexOf(string text, string word) => text.IndexOf(word, System.StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
