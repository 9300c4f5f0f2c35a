using System;
using System.Globalization;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;
using System.Threading;
using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>A ping from the device (type name SsmOnPrem.ConnectivityResult).</summary>
    public sealed class ConnectivityResult
    {
        public string ComputerName { get; set; }
        public string Target { get; set; }
        public bool Success { get; set; }
        public int? SuccessRatePercent { get; set; }
        public int? Sent { get; set; }
        public int? Received { get; set; }
        public double? MinimumRttMs { get; set; }
        public double? AverageRttMs { get; set; }
        public double? MaximumRttMs { get; set; }
        public string Command { get; set; }
        /// <summary>The device's own words when the ping failed or could not run.</summary>
        public string Reason { get; set; }
        public string Output { get; set; }
        /// <summary>Whether the ping itself got answers (<see cref="Success"/> also weighs the TCP check: ICMP may be blocked).</summary>
        public bool PingSucceeded { get; set; }
        /// <summary>Whether the device resolved <see cref="Target"/> (null: the target is an address, or the output does not tell).</summary>
        public bool? NameResolved { get; set; }
        public string ResolvedAddress { get; set; }
        /// <summary>The On-Prem device port checked with a TCP connection from the device (null: not checked).</summary>
        public int? TcpPort { get; set; }
        /// <summary>True: the port accepted a connection; false: refused or timed out; null: not checked (see <see cref="TcpCheck"/>).</summary>
        public bool? TcpConnected { get; set; }
        /// <summary>Open, Refused, TimedOut, NameNotResolved, Unknown, or "Skipped: why".</summary>
        public string TcpCheck { get; set; }
        public string TcpCommand { get; set; }
        /// <summary>NameResolution, Ping or TcpPort: the check that failed (null when none did).</summary>
        public string FailedCheck { get; set; }
        /// <summary>What to do next when a check failed.</summary>
        public string Recommendation { get; set; }
    }

    /// <summary>Pings the On-Prem host from the device (the line is the platform driver's) and reads the platform's ping summary.</summary>
    public static class Connectivity
    {
        /// <summary>The host part of a URL (what the device must reach).</summary>
        public static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

        /// <summary>
        /// Pings <paramref name="target"/> from the device, reads whether the device resolved its name, and, with
        /// <paramref name="tcpPort"/>, opens a TCP connection to that port where the platform's CLI can (<see cref="ReachabilityCheck"/>).
        /// </summary>
        public static ConnectivityResult Test(DeviceSession session, string target, string vrf, CancellationToken ct, string sourceInterface = null, int? tcpPort = null)
        {
            var command = session.PlatformDriver.PingCommand(target, vrf, sourceInterface);
            var result = session.Invoke(command, new DeviceCommandOptions { ThrowOnCliError = false, Timeout = TimeSpan.FromSeconds(60) }, ct);
            var parsed = Parse(result.Output);
            parsed.ComputerName = session.ComputerName;
            parsed.Target = target;
            parsed.Command = result.Command;
            if (result.ErrorId != null) { parsed.Success = false; parsed.Reason = FirstMeaningfulLine(result.Output); }
            parsed.PingSucceeded = parsed.Success;
            ReachabilityCheck.Complete(session, parsed, vrf, sourceInterface, tcpPort, ct);
            return parsed;
        }

        /// <summary>IOS/IOS-XE/IOS-XR/ASA 'Success rate is N percent (a/b), round-trip min/avg/max = x/y/z ms' or NX-OS's summary.</summary>
        public static ConnectivityResult Parse(string output)
        {
            var r = new ConnectivityResult { Output = output };
            var ios = TextPatterns.Match(output ?? "", @"Success rate is (\d+) percent \((\d+)/(\d+)\)(?:, round-trip min/avg/max = ([\d.]+)/([\d.]+)/([\d.]+))?");
            var nx = TextPatterns.Match(output ?? "", @"(\d+) packets transmitted, (\d+) packets received, ([\d.]+)% packet loss");
            if (ios.Success)
            {
                r.SuccessRatePercent = Int(ios.Groups[1].Value);
                r.Received = Int(ios.Groups[2].Value);
                r.Sent = Int(ios.Groups[3].Value);
                if (ios.Groups[4].Success) SetRtt(r, ios.Groups[4].Value, ios.Groups[5].Value, ios.Groups[6].Value);
            }
            else if (nx.Success)
            {
                r.Sent = Int(nx.Groups[1].Value);
                r.Received = Int(nx.Groups[2].Value);
                r.SuccessRatePercent = r.Sent > 0 ? r.Received * 100 / r.Sent : 0;
                var rtt = TextPatterns.Match(output, @"round-trip min/avg/max = ([\d.]+)/([\d.]+)/([\d.]+)");
                if (rtt.Success) SetRtt(r, rtt.Groups[1].Value, rtt.Groups[2].Value, rtt.Groups[3].Value);
            }
            r.Success = r.SuccessRatePercent > 0;
            if (!r.Success) r.Reason = FirstMeaningfulLine(output) is string line && !ios.Success && !nx.Success ? line : Summary(output);
            return r;
        }

        private static string Summary(string output)
        {
            var m = TextPatterns.Match(output ?? "", @"^.*(Success rate is|packet loss|Unrecognized host|Invalid|unknown host|Destination Host Unreachable).*$", RegexOptions.Multiline | RegexOptions.IgnoreCase);
            return m.Success ? m.Value.Trim() : FirstMeaningfulLine(output);
        }

        private static string FirstMeaningfulLine(string output)
        {
            foreach (var line in (output ?? "").Split('\n'))
            {
                var t = line.Trim();
                if (t.Length > 0 && !t.StartsWith("Type escape", StringComparison.Ordinal) && !t.StartsWith("Sending ", StringComparison.Ordinal)) return t;
            }
            return "the device printed nothing";
        }

        private static void SetRtt(ConnectivityResult r, string min, string avg, string max)
        {
            r.MinimumRttMs = Dbl(min); r.AverageRttMs = Dbl(avg); r.MaximumRttMs = Dbl(max);
        }

        private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
        private static double Dbl(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    }
}
