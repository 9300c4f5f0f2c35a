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

        // The syntax of every line is the platform driver's (Devices/Platforms; sources cited there). A platform or
        // mode without a documented line gets TransportOptionUnsupported instead of a guessed command.
        public static IReadOnlyList<string> Lines(DeviceSession session, DeviceTransportKind kind, string url, TransportExtras extras)
        {
            var driver = session.PlatformDriver;
            var mode = session.Identity?.LicensingMode ?? LicensingMode.Unknown;
            var lines = new List<string>();
            // Top-level lines first: the block below leaves the CLI in a sub-mode.
            if (!string.IsNullOrEmpty(extras?.SourceInterface))
            {
                CliArgument.InterfaceName(extras.SourceInterface);
                lines.Add(driver.HttpSourceInterfaceLine(extras.SourceInterface)
                    ?? throw Unsupported(session, "-SourceInterface", "no source-interface line for the device's HTTPS client is known to the module"));
            }
            if (extras?.ReportingIntervalDays != null && kind == DeviceTransportKind.Cslu)
                lines.Add("license smart usage interval " + extras.ReportingIntervalDays.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var vrf = string.IsNullOrEmpty(extras?.Vrf) ? null : CliArgument.Name(extras.Vrf, "VRF name");
            if (vrf != null && kind != DeviceTransportKind.CallHome)
                lines.Add(driver.LicenseVrfLine(mode, vrf)
                    ?? throw Unsupported(session, "-Vrf", $"no VRF line for {kind} in {RegistrationWorkflow.ModeName(mode) ?? "an unknown mode"} is known to the module ('license smart vrf' is IOS-XE Smart Licensing Using Policy)"));
            var block = driver.LicensingCommandsFor(mode).Transport(kind, url).ToList();
            if (vrf != null && kind == DeviceTransportKind.CallHome)
            {
                var line = driver.CallHomeVrfLine(vrf) ?? throw Unsupported(session, "-Vrf", "its call-home has no VRF");
                var at = block.FindIndex(l => l == "call-home" || l == "callhome");
                if (at >= 0) block.Insert(at + 1, line);
            }
            lines.AddRange(block);
            return lines;
        }

        private static SsmOnPremException Unsupported(DeviceSession session, string parameter, string why) =>
            new SsmOnPremException(WorkflowErrorIds.TransportOptionUnsupported, SsmErrorKind.InvalidArgument,
                $"{parameter} is not supported on {session.PlatformDriver.DisplayName ?? "this device"} {session.Identity?.Release}: {why}.",
                $"Run again without {parameter} for this device, and configure its source interface / VRF by hand (Invoke-SsmDeviceCommand).") { Target = session.ComputerName };

        /// <summary>Reads the running configuration's relevant sections (and the license transport the device reports) and finds what is missing.</summary>
        public static TransportPlan Plan(DeviceSession session, DeviceTransportKind kind, string url, TransportExtras extras, LicenseStatus current, CancellationToken ct)
        {
            var lines = Lines(session, kind, url, extras);
            // Only the sections the lines live in: the whole configuration would carry every secret the device has.
            var running = string.Join("\n", session.PlatformDriver.RunningConfigReads(lines).Select(read => session.Invoke(read, null, ct).Output));
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

        /// <summary>What -WhatIf shows: the framed block (enter, lines, commit, leave) and the save line, secrets masked.</summary>
        public static IReadOnlyList<string> PlannedLines(DeviceSession session, TransportPlan plan, bool save)
        {
            if (plan.UpToDate) return Array.Empty<string>();
            var lines = session.PlatformDriver.Framed(plan.Lines).Select(session.Mask).ToList();
            if (save && session.PlatformDriver.SaveCommand != null) lines.Add(session.PlatformDriver.SaveCommand);
            return lines;
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
