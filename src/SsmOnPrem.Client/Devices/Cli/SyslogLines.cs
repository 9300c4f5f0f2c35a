using System.Text.RegularExpressions;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// Finds "%FACILITY-N-MNEMONIC:" syslog messages a device writes into a session (terminal monitor, or
    /// console-style logging): whole lines, or glued after a prompt, "[confirm]" or "--More--".
    /// </summary>
    internal static class SyslogLines
    {
        // %SMART_LIC-6-AGENT_REG_SUCCESS: / %PKT_INFRA-LINK-3-UPDOWN : / %ASA-5-111008:
        private static readonly Regex Marker = new Regex(@"%[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)*-[0-7]-[A-Z0-9_]+ ?:", RegexOptions.CultureInvariant);

        // What may precede the marker on a syslog line: sequence number, timestamp (with '*' or '.'), IOS-XR node and process.
        private static readonly Regex Header = new Regex(
            @"^(?:\d+: ?)?(?:[A-Z]{2}/\d+/[A-Z0-9]+/CPU\d+:)?[*.]?(?:(?:[A-Z][a-z]{2} +\d{1,2}(?: +\d{4})? +\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: +[A-Za-z]{2,5})?|\d{4}-\d{2}-\d{2}[T ][0-9:.+\-Z]+): ?)?(?:[A-Za-z0-9_\-]+\[\d+\]: ?)?$",
            RegexOptions.CultureInvariant);

        /// <summary>
        /// Splits a line into the part that is command output and the syslog message, if any.
        /// Returns false when the line has no syslog marker.
        /// </summary>
        public static bool TrySplit(string line, out string outputPart, out string syslogPart)
        {
            outputPart = line;
            syslogPart = null;
            if (line == null || line.IndexOf('%') < 0) return false;
            var m = Marker.Match(line);
            if (!m.Success) return false;

            // Walk back from the marker over a timestamp/sequence header: all of it belongs to the message.
            var start = m.Index;
            for (var i = System.Math.Max(0, m.Index - 96); i < m.Index; i++)
            {
                if (Header.IsMatch(line.Substring(i, m.Index - i)) && (i == 0 || IsGlueBoundary(line, i)))
                {
                    start = i;
                    break;
                }
            }
            outputPart = line.Substring(0, start).TrimEnd();
            syslogPart = line.Substring(start).Trim();
            return true;
        }

        public static bool IsSyslog(string line) => TrySplit(line, out var before, out _) && before.Trim().Length == 0;

        // A header glued to other text must start where a new message would: after a space, ']', ':', '>' or '#'.
        private static bool IsGlueBoundary(string line, int i)
        {
            var prev = line[i - 1];
            return prev == ' ' || prev == ']' || prev == ':' || prev == '#' || prev == '>' || line[i] == '*';
        }
    }
}
