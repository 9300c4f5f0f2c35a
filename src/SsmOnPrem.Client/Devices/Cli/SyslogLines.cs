using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// Separates "%FACILITY-N-MNEMONIC:" syslog messages a device writes into a session (terminal monitor) from command
    /// output, on one line at a time, using the parsing layer's <see cref="SyslogMessage"/>.
    /// </summary>
    internal static class SyslogLines
    {
        /// <summary>
        /// Splits a line into the part that is command output (a prompt or "[confirm]" before the message, output that
        /// resumed after it) and the message. False when the line holds no syslog message.
        /// </summary>
        public static bool TrySplit(string line, out string outputPart, out SyslogMessage message)
        {
            outputPart = line;
            message = null;
            if (line == null || line.IndexOf('%') < 0 || !SyslogMessage.TryParse(line, out message)) return false;
            outputPart = (message.Prefix + message.Continuation).TrimEnd();
            return true;
        }

        /// <summary>A line that holds a syslog message and nothing else.</summary>
        public static bool IsSyslog(string line) => TrySplit(line, out var rest, out _) && rest.Trim().Length == 0;
    }
}
