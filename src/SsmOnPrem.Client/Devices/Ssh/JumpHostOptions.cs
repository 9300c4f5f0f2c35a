using System;
using System.Globalization;
using System.Net;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.HostKeys;

namespace SsmOnPrem.Client.Devices.Ssh
{
    /// <summary>The bastion ("jump host") device sessions go through (see docs/ssh-reach.md).</summary>
    public sealed class JumpHostOptions
    {
        public string ComputerName { get; set; }
        public int Port { get; set; } = 22;
        public NetworkCredential Credential { get; set; }
        public HostKeyPolicy HostKeyPolicy { get; set; } = HostKeyPolicy.Strict;
        public string HostKeyFingerprint { get; set; }

        /// <summary>Sessions with the same bastion, port and user share one connection.</summary>
        internal string Key => $"{ComputerName?.ToLowerInvariant()}:{Port}:{Credential?.UserName}";

        public override string ToString() => Port == 22 ? ComputerName : $"{ComputerName}:{Port}";

        /// <summary>Parses "host", "host:port", "[v6]:port" or a bare IPv6 address.</summary>
        public static JumpHostOptions Parse(string value)
        {
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text)) throw Invalid(value);
            string host = text;
            var port = 22;
            if (text.StartsWith("[", StringComparison.Ordinal))
            {
                var close = text.IndexOf(']');
                if (close < 0) throw Invalid(value);
                host = text.Substring(1, close - 1);
                var rest = text.Substring(close + 1);
                if (rest.Length > 0 && (!rest.StartsWith(":", StringComparison.Ordinal) || !TryPort(rest.Substring(1), out port))) throw Invalid(value);
            }
            else if (text.IndexOf(':') == text.LastIndexOf(':') && text.IndexOf(':') > 0)
            {
                var colon = text.IndexOf(':');
                host = text.Substring(0, colon);
                if (!TryPort(text.Substring(colon + 1), out port)) throw Invalid(value);
            }
            if (!CliArgument.IsHostname(host)) throw Invalid(value);
            return new JumpHostOptions { ComputerName = host, Port = port };
        }

        private static bool TryPort(string text, out int port) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port >= 1 && port <= 65535;

        private static SsmOnPremException Invalid(string value) =>
            new SsmOnPremException(DeviceErrorIds.InvalidJumpHost, SsmErrorKind.InvalidArgument,
                $"'{value}' is not a jump host: give host, host:port or [IPv6]:port.", "Correct -JumpHost (or the JumpHost column of the inventory).");
    }
}
