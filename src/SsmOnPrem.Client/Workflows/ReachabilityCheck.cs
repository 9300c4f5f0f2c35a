using System;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>
    /// The checks after the ping: did the device resolve the On-Prem name, and does the device port take a TCP connection
    /// from the device (telnet HOST PORT, where the platform has it)? Sets Success, FailedCheck and a Recommendation.
    /// </summary>
    internal static class ReachabilityCheck
    {
        // telnet printed that the connection is open (IOS "... Open", Unix-style "Escape character is '^]'.").
        private static readonly Regex Opened = TextPatterns.Create(@"\.\.\.\s*Open\s*$|Escape character is", RegexOptions.CultureInvariant);

        // Any line that is not a TLS ClientHello makes an HTTPS server hang up, so telnet ends and the prompt returns.
        private const string HangUpLine = "QUIT";

        internal static void Complete(DeviceSession session, ConnectivityResult r, string vrf, string sourceInterface, int? tcpPort, CancellationToken ct)
        {
            var profile = session.PlatformDriver;
            if (!IPAddress.TryParse(r.Target.Trim('[', ']'), out _))
            {
                var lookup = profile.ReadNameLookup(r.Output);
                r.NameResolved = lookup.Resolved;
                r.ResolvedAddress = lookup.Address;
                if (lookup.Resolved == false)
                {
                    r.Success = false;
                    r.FailedCheck = "NameResolution";
                    r.Reason = $"the device cannot resolve '{r.Target}': {r.Reason}";
                    r.Recommendation = FailureRecommendation.NameResolution;
                    return;
                }
            }
            if (tcpPort.HasValue) CheckPort(session, r, vrf, sourceInterface, tcpPort.Value, ct);
            if (r.TcpConnected.HasValue) r.Success = r.TcpConnected.Value;   // ICMP may be filtered where TCP is open
            if (r.Success) { r.Reason = null; return; }
            if (r.TcpConnected == false)
            {
                r.FailedCheck = "TcpPort";
                r.Recommendation = r.TcpCheck == "NameNotResolved" ? FailureRecommendation.NameResolution
                    : r.PingSucceeded || r.TcpCheck == "Refused" ? FailureRecommendation.PortRefused : FailureRecommendation.PathFailed;
                return;
            }
            r.FailedCheck = "Ping";
            r.Recommendation = FailureRecommendation.PathFailed;
        }

        private static void CheckPort(DeviceSession session, ConnectivityResult r, string vrf, string sourceInterface, int port, CancellationToken ct)
        {
            r.TcpPort = port;
            var command = session.PlatformDriver.TcpCheckCommand(r.Target, port, vrf, sourceInterface);
            if (command == null) { r.TcpCheck = "Skipped: " + session.PlatformDriver.TcpCheckUnsupportedReason; return; }
            DeviceCommandResult result;
            try
            {
                result = session.Invoke(command, new DeviceCommandOptions
                {
                    ThrowOnCliError = false, Timeout = TimeSpan.FromSeconds(45), AnswerWhen = Opened, AnswerLine = HangUpLine,
                }, ct);
            }
            catch (SsmOnPremException ex) when (ex.ErrorId == DeviceErrorIds.CommandTimeout && session.State == DeviceSessionState.Open)
            {
                r.TcpCommand = command;
                r.TcpCheck = "Skipped: '" + command + "' did not return to the prompt; the TCP port was not checked";
                return;
            }
            r.TcpCommand = result.Command;
            // Read first: IOS prints "% Connection refused by remote host", which is also a CLI error line.
            var outcome = session.PlatformDriver.ReadTcpCheck(result.Output);
            if (outcome == Devices.Platforms.TcpCheckOutcome.Unknown && result.ErrorId != null)
            {
                r.TcpCheck = "Skipped: the device refused '" + command + "': " + Last(result.Output);
                return;
            }
            r.TcpCheck = outcome.ToString();
            if (outcome == Devices.Platforms.TcpCheckOutcome.Open) r.TcpConnected = true;
            else if (outcome == Devices.Platforms.TcpCheckOutcome.Unknown) r.TcpCheck = "Unknown: " + Last(result.Output);
            else
            {
                r.TcpConnected = false;
                r.Reason = $"TCP {r.Target}:{port}: {Last(result.Output)}";
            }
        }

        private static string Last(string output)
        {
            var lines = (output ?? "").Split('\n');
            for (var i = lines.Length - 1; i >= 0; i--) if (lines[i].Trim().Length > 0) return lines[i].Trim();
            return "the device printed nothing";
        }
    }
}
