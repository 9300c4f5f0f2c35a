using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using SsmOnPrem.Client.Common;
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
        /// <summary>VRF the licensing traffic uses (call-home 'vrf', NX-OS callhome 'transport http use-vrf', IOS-XE SLP 'license smart vrf').</summary>
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

        // Syntax sources (Cisco documentation):
        //  - 'ip http client source-interface IF' (global; the source, and so the VRF, of the device's HTTPS client) and
        //    'vrf NAME' under 'call-home': IOS-XE Call Home configuration guide
        //    (cisco.com/c/en/us/td/docs/ios-xml/ios/csa/configuration/xe-3s/csa-xe-3s-book/csa-call-home-v2.html) and the
        //    Smart Licensing Using Policy task library ("Ensuring Network Reachability for Product Instance-Initiated
        //    Communication", cisco.com/c/en/us/td/docs/switches/lan/catalyst_9000/b_smart-licensing-using-policy-cat9k-switches/cat9k-task-library-smart-licensing-using-policy.html).
        //  - 'license smart vrf NAME' (SLP: "a VRF to send licensing data"): SLP command reference
        //    (cisco.com/c/en/us/td/docs/routers/sl_using_policy/b-sl-using-policy/cmd_ref.html, 'license smart (global config)').
        //  - NX-OS 'transport http use-vrf NAME' under 'callhome': the lab's NX-OS capture (nxos9_show-running-config-callhome_cssm).
        // Platforms and modes without a documented line get TransportOptionUnsupported instead of a guessed command.
        public static IReadOnlyList<string> Lines(DeviceSession session, DeviceTransportKind kind, string url, TransportExtras extras)
        {
            var identity = session.Identity;
            var mode = identity?.LicensingMode ?? LicensingMode.Unknown;
            var commands = session.Profile.LicensingCommandsFor(mode);
            var lines = new List<string>();
            // Top-level lines first: the block below leaves the CLI in a sub-mode.
            if (!string.IsNullOrEmpty(extras?.SourceInterface))
            {
                var name = CliArgument.InterfaceName(extras.SourceInterface);
                if (session.Platform != DevicePlatform.IosXe) throw Unsupported(session, "-SourceInterface", "only IOS-XE's 'ip http client source-interface' is known to the module");
                lines.Add("ip http client source-interface " + name);
            }
            if (extras?.ReportingIntervalDays != null && kind == DeviceTransportKind.Cslu)
                lines.Add("license smart usage interval " + extras.ReportingIntervalDays.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var vrf = string.IsNullOrEmpty(extras?.Vrf) ? null : CliArgument.Name(extras.Vrf, "VRF name");
            if (vrf != null && kind != DeviceTransportKind.CallHome)
            {
                if (session.Platform != DevicePlatform.IosXe || mode != LicensingMode.SmartLicensingUsingPolicy)
                    throw Unsupported(session, "-Vrf", $"'license smart vrf' is Smart Licensing Using Policy on IOS-XE; this device uses {kind} in {RegistrationWorkflow.ModeName(mode) ?? "an unknown mode"}");
                lines.Add("license smart vrf " + vrf);
            }
            var block = commands.Transport(kind, url).ToList();
            if (vrf != null && kind == DeviceTransportKind.CallHome)
            {
                if (session.Platform == DevicePlatform.Asa) throw Unsupported(session, "-Vrf", "ASA call-home has no VRF");
                var at = block.FindIndex(l => l == "call-home" || l == "callhome");
                if (at >= 0) block.Insert(at + 1, session.Platform == DevicePlatform.NxOs ? "transport http use-vrf " + vrf : "vrf " + vrf);
            }
            lines.AddRange(block);
            return lines;
        }

        private static SsmOnPremException Unsupported(DeviceSession session, string parameter, string why) =>
            new SsmOnPremException(WorkflowErrorIds.TransportOptionUnsupported, SsmErrorKind.InvalidArgument,
                $"{parameter} is not supported on {DeviceLicenseReader.PlatformName(session.Platform)} {session.Identity?.Release}: {why}.",
                $"Run again without {parameter} for this device, and configure its source interface / VRF by hand (Invoke-SsmDeviceCommand).") { Target = session.ComputerName };

        /// <summary>Reads the running configuration's relevant sections (and the license transport the device reports) and finds what is missing.</summary>
        public static TransportPlan Plan(DeviceSession session, DeviceTransportKind kind, string url, TransportExtras extras, LicenseStatus current, CancellationToken ct)
        {
            var lines = Lines(session, kind, url, extras);
            // Only the sections the lines live in: the whole configuration would carry every secret the device has.
            var running = string.Join("\n", session.Profile.RunningConfigReads(lines).Select(read => session.Invoke(read, null, ct).Output));
            return new TransportPlan { Kind = kind, Url = url, Lines = lines, MissingLines = Missing(lines, running, current) };
        }

        /// <summary>The lines a running configuration lacks ('no X' lines: X is present). Defaults the device does not print count as present when its status shows them.</summary>
        public static IReadOnlyList<string> Missing(IEnumerable<string> lines, string runningConfig, LicenseStatus current)
        {
            var present = new HashSet<string>(Normalize(runningConfig), StringComparer.OrdinalIgnoreCase);
            return lines.Where(l => !Satisfied(l, present, current)).ToList();
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
            var transport = TextPatterns.Match(norm, @"^license smart transport (\w+)$");
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
                var nx = TextPatterns.Replace(line, @"^(destination-profile \S+) index \d+ ", "$1 ");
                if (nx != line) yield return nx;
            }
        }

        private static string Collapse(string line) => TextPatterns.Replace(line.Trim(), @"\s+", " ");
    }
}
