using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>What a TCP check from the device (telnet to the On-Prem device port) showed.</summary>
    public enum TcpCheckOutcome { Unknown, Open, Refused, TimedOut, NameNotResolved }

    /// <summary>
    /// Wording of the ping and telnet outputs that several platforms share, with the public source of each; the
    /// platform profiles pick from these (one small member each), so a platform driver can carry them over as they are.
    /// </summary>
    public static class ReachabilityWording
    {
        /// <summary>
        /// IOS/IOS-XE: "Trying 172.16.22.252, 80 ... Open", "% Connection refused by remote host",
        /// "% Connection timed out; remote host not responding" (notes.networklessons.com, "Troubleshooting - using Telnet
        /// to test transport layer ports"); an unknown name: "% Bad IP address or host name" / "% Unknown command or computer
        /// name, or unable to find computer address" after "Translating "NAME"...domain server (A.B.C.D)" (Cisco tech note
        /// 46253, "Translating... domain server (255.255.255.255)").
        /// </summary>
        public static TcpCheckOutcome ReadIosTelnet(string output)
        {
            var o = output ?? string.Empty;
            if (TextPatterns.IsMatch(o, @"\.\.\.\s*Open\b")) return TcpCheckOutcome.Open;
            if (TextPatterns.IsMatch(o, @"Connection refused", RegexOptions.IgnoreCase)) return TcpCheckOutcome.Refused;
            if (TextPatterns.IsMatch(o, @"timed out|not responding|Destination unreachable|host is unreachable", RegexOptions.IgnoreCase)) return TcpCheckOutcome.TimedOut;
            if (TextPatterns.IsMatch(o, @"Bad IP address or host name|unable to find computer address|Unrecognized host|Unknown host", RegexOptions.IgnoreCase)) return TcpCheckOutcome.NameNotResolved;
            return TcpCheckOutcome.Unknown;
        }

        /// <summary>
        /// NX-OS runs a Unix-style telnet client: "Connected to HOST." / "Escape character is '^]'." when open;
        /// "telnet: Unable to connect to remote host: Connection refused" / "...: Connection timed out"; an unknown
        /// name "telnet: could not resolve NAME/PORT: Name or service not known" (the wording of the inetutils/netkit client
        /// NX-OS ships; Cisco Nexus 9000 NX-OS Security Configuration Guide, "Configuring SSH and Telnet", for the syntax).
        /// </summary>
        public static TcpCheckOutcome ReadUnixTelnet(string output)
        {
            var o = output ?? string.Empty;
            if (TextPatterns.IsMatch(o, @"^\s*Connected to |Escape character is", RegexOptions.Multiline)) return TcpCheckOutcome.Open;
            if (TextPatterns.IsMatch(o, @"Connection refused", RegexOptions.IgnoreCase)) return TcpCheckOutcome.Refused;
            if (TextPatterns.IsMatch(o, @"timed out|No route to host|Network is unreachable", RegexOptions.IgnoreCase)) return TcpCheckOutcome.TimedOut;
            if (TextPatterns.IsMatch(o, @"could not resolve|Name or service not known|Unknown host|Invalid host", RegexOptions.IgnoreCase)) return TcpCheckOutcome.NameNotResolved;
            return TcpCheckOutcome.Unknown;
        }

        /// <summary>The address a ping went to: IOS-style "Sending 5, 100-byte ICMP Echos to 10.1.1.1," or Unix-style "PING name (10.1.1.1)".</summary>
        public static string PingedAddress(string output)
        {
            var m = TextPatterns.Match(output ?? string.Empty, @"ICMP Echos to ([0-9A-Fa-f.:]+),|^PING \S+ \(([0-9A-Fa-f.:]+)\)", RegexOptions.Multiline);
            return !m.Success ? null : m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        }
    }

    /// <summary>Name resolution on the device, as its ping of the On-Prem host showed it.</summary>
    public sealed class NameLookup
    {
        /// <summary>True: resolved (<see cref="Address"/>); false: the device said it cannot resolve it; null: the output does not tell.</summary>
        public bool? Resolved { get; set; }
        public string Address { get; set; }
    }
}
