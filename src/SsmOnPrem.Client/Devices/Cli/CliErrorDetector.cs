using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>Recognises the lines by which Cisco CLIs refuse a command, and names them with stable ErrorIds.</summary>
    internal static class CliErrorDetector
    {
        private static readonly KeyValuePair<string, string>[] Rules =
        {
            // order matters: the first rule that matches a line wins
            Rule("% Invalid input detected", DeviceErrorIds.CliInvalidInput),
            Rule("% Invalid command", DeviceErrorIds.CliInvalidInput),          // NX-OS
            Rule("% Invalid parameter detected", DeviceErrorIds.CliInvalidInput), // NX-OS
            Rule("% Incomplete command", DeviceErrorIds.CliIncompleteCommand),
            Rule("% Ambiguous command", DeviceErrorIds.CliAmbiguousCommand),
            Rule("% Unknown command", DeviceErrorIds.CliUnknownCommand),
            Rule("% Unrecognized command", DeviceErrorIds.CliUnknownCommand),
            Rule("% Failed to commit", DeviceErrorIds.CliCommitFailed),       // IOS-XR
            Rule("% Error", DeviceErrorIds.CliError),
            Rule("%Error", DeviceErrorIds.CliError),
            Rule("% Authorization failed", DeviceErrorIds.CliError),
        };

        private static KeyValuePair<string, string> Rule(string prefix, string id) => new KeyValuePair<string, string>(prefix, id);

        /// <summary>Returns the ErrorId and the offending line, or null when the output holds no CLI error.</summary>
        public static string Detect(IEnumerable<string> outputLines, out string errorLine)
        {
            errorLine = null;
            foreach (var raw in outputLines)
            {
                var line = raw.Trim();
                if (line.Length == 0) continue;
                // ASA: "ERROR: % Invalid input detected at '^' marker." or "ERROR: <anything>"
                if (line.StartsWith("ERROR:", StringComparison.Ordinal))
                {
                    errorLine = line;
                    var rest = line.Substring(6).Trim();
                    return Classify(rest) ?? DeviceErrorIds.CliError;
                }
                var id = Classify(line);
                if (id != null)
                {
                    errorLine = line;
                    return id;
                }
            }
            return null;
        }

        private static string Classify(string line)
        {
            if (!line.StartsWith("%", StringComparison.Ordinal)) return null;
            foreach (var rule in Rules)
            {
                if (line.StartsWith(rule.Key, StringComparison.OrdinalIgnoreCase)) return rule.Value;
            }
            return null;
        }
    }
}
