using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>Optional additions to the transport configuration.</summary>
    public sealed class TransportExtras
    {
        /// <summary>Interface whose address the device uses as the source of its HTTPS calls.</summary>
        public string SourceInterface { get; set; }
        /// <summary>VRF the call-home traffic uses (legacy IOS-XE call-home, NX-OS callhome).</summary>
        public string Vrf { get; set; }
        /// <summary>SLP reporting interval ('license smart usage interval N').</summary>
        public int? ReportingIntervalDays { get; set; }
    }

    /// <summary>The lines a device needs to talk to On-Prem, and which of them its running configuration lacks.</summary>
    public sealed class TransportPlan
    {
        public DeviceTransportKind Kind { get; set; }
        public string Url { get; set; }
        public IReadOnlyList<string> Lines { get; set; }
        public IReadOnlyList<string> MissingLines { get; set; }
        public bool UpToDate => MissingLines.Count == 0;
    }

    /// <summary>
    /// Builds and applies the transport configuration with the platform's own syntax (the device layer's
    /// <see cref="LicensingCommands.Transport"/>), idempotently: the running configuration is read first and nothing
    /// is sent when every line is already there.
    /// </summary>
    public static class TransportConfiguration
    {
        /// <summary>Call-home for legacy Smart Licensing, CSLU for Smart Licensing Using Policy.</summary>
        public static DeviceTransportKind DefaultKind(LicensingMode mode) =>
            mode == LicensingMode.SmartLicensingUsingPolicy ? DeviceTransportKind.Cslu : DeviceTransportKind.CallHome;

        public static IReadOnlyList<string> Lines(DeviceSession session, DeviceTransportKind kind, string url, TransportExtras extras)
        {
            var identity = session.Identity;
            var commands = session.Profile.LicensingCommandsFor(identity?.LicensingMode ?? LicensingMode.Unknown);
            var lines = new List<string>();
            // Top-level lines first: the block below leaves the CLI in a sub-mode.
            if (!string.IsNullOrEmpty(extras?.SourceInterface))
                lines.Add("ip http client source-interface " + CliArgument.InterfaceName(extras.SourceInterface));
            if (extras?.ReportingIntervalDays != null && kind == DeviceTransportKind.Cslu)
                lines.Add("license smart usage interval " + extras.ReportingIntervalDays.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var block = commands.Transport(kind, url).ToList();
            if (!string.IsNullOrEmpty(extras?.Vrf) && kind == DeviceTransportKind.CallHome)
            {
                var vrf = CliArgument.Name(extras.Vrf, "VRF name");
                var at = block.FindIndex(l => l == "call-home" || l == "callhome");
                if (at >= 0) block.Insert(at + 1, session.Platform == DevicePlatform.NxOs ? "transport http use-vrf " + vrf : "vrf " + vrf);
            }
            lines.AddRange(block);
            return lines;
        }

        /// <summary>Reads the running configuration (and the license transport the device reports) and finds what is missing.</summary>
        public static TransportPlan Plan(DeviceSession session, DeviceTransportKind kind, string url, TransportExtras extras, LicenseStatus current, CancellationToken ct)
        {
            var lines = Lines(session, kind, url, extras);
            var running = session.Invoke("show running-config", null, ct).Output;
            var present = new HashSet<string>(Normalize(running), StringComparer.OrdinalIgnoreCase);
            var missing = lines.Where(l => !Satisfied(l, present, current)).ToList();
            return new TransportPlan { Kind = kind, Url = url, Lines = lines, MissingLines = missing };
        }

        /// <summary>Sends the whole block (sub-mode lines need their parents) when anything is missing; returns the lines sent.</summary>
        public static IReadOnlyList<string> Apply(DeviceSession session, TransportPlan plan, CancellationToken ct)
        {
            if (plan.UpToDate) return Array.Empty<string>();
            var results = session.Configure(plan.Lines, null, ct);
            return results.Select(r => r.Command).ToList();
        }

        private static bool Satisfied(string line, HashSet<string> present, LicenseStatus current)
        {
            var norm = Collapse(line);
            if (norm.StartsWith("no ", StringComparison.OrdinalIgnoreCase)) return !present.Contains(norm.Substring(3));
            if (present.Contains(norm)) return true;
            // Defaults are not printed in the running configuration: 'license smart transport cslu' on SLP, for example.
            var transport = Regex.Match(norm, @"^license smart transport (\w+)$");
            if (transport.Success && current != null)
            {
                var want = transport.Groups[1].Value.ToLowerInvariant();
                return (want == "cslu" && current.TransportType == TransportType.Cslu) || (want == "smart" && current.TransportType == TransportType.Smart)
                    || (want == "callhome" && current.TransportType == TransportType.Callhome);
            }
            return false;
        }

        private static IEnumerable<string> Normalize(string runningConfig)
        {
            foreach (var raw in (runningConfig ?? string.Empty).Split('\n'))
            {
                var line = Collapse(raw.Replace("\"", string.Empty));
                if (line.Length == 0 || line.StartsWith("!", StringComparison.Ordinal)) continue;
                yield return line;
                // NX-OS prints 'destination-profile P index 1 http URL' for 'destination-profile P http URL'.
                var nx = Regex.Replace(line, @"^(destination-profile \S+) index \d+ ", "$1 ");
                if (nx != line) yield return nx;
            }
        }

        private static string Collapse(string line) => Regex.Replace(line.Trim(), @"\s+", " ");
    }
}
