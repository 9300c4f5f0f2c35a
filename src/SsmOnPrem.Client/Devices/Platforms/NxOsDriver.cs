using System;
using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>NX-OS: legacy Smart Licensing up to 10.1, Smart Licensing Using Policy from 10.2; call-home is 'callhome'.</summary>
    public sealed class NxOsDriver : PlatformDriver
    {
        public override DevicePlatform Platform => DevicePlatform.NxOs;
        public override string DisplayName => "NX-OS";
        public override IReadOnlyList<string> Aliases => new[] { "nxos", "nexus", "nx" };
        public override string Description => "Cisco NX-OS: Nexus switches";

        public override bool Matches(string v) => Has(v, "NX-OS") || Has(v, "Nexus Operating System");

        protected override string ReadRelease(string v) =>
            First(v, @"^[ \t]*NXOS:\s+version\s+(?<v>\S+)", @"^[ \t]*system:\s+version\s+(?<v>\S+)", @"NX-OS[^\n]{0,160}?[Vv]ersion\s+(?<v>[0-9]\S*)");

        public override IReadOnlyList<string> PidPrefixes => new[] { "N9K", "N3K", "N5K", "N6K", "N7K", "N77", "NEXUS" };

        public override bool IsOwnCommand(string command) => command == LicenseCommands.ShowRunningConfigCallhome;

        // NX-OS-only wording of 'show license status' / 'show license' (the NX-OS captures in tests/fixtures).
        public override bool IsOwnOutputLine(string t) =>
            t.StartsWith("Initiated device registration with backend", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Smart License Conversion:", StringComparison.Ordinal)
            || t.StartsWith("Enforcement Type:", StringComparison.Ordinal)
            || (t.StartsWith("Feature ", StringComparison.Ordinal) && t.IndexOf(" Ins ", StringComparison.Ordinal) > 0);

        // NX-OS 'copy running-config startup-config' asks nothing and prints a progress bar, then "Copy complete."
        // (Cisco Nexus 9000 NX-OS Fundamentals Configuration Guide, "Saving the running configuration"): the base
        // SaveCommand and SaveSucceeded fit.

        // NX-OS: 'ping HOST [vrf NAME] [source-interface INTERFACE]' (Nexus command reference).
        public override string PingCommand(string target, string vrf, string sourceInterface)
        {
            CheckPingArguments(target, ref vrf, ref sourceInterface);
            return "ping " + target + (vrf != null ? " vrf " + vrf : "") + (sourceInterface != null ? " source-interface " + sourceInterface : "");
        }

        /// <summary>'telnet HOST PORT [vrf V]' (Cisco Nexus 9000 NX-OS Security Configuration Guide, "Configuring SSH and Telnet"); the source interface is the VRF's.</summary>
        public override string TcpCheckCommand(string host, int port, string vrf, string sourceInterface) =>
            "telnet " + host + " " + port + (string.IsNullOrEmpty(vrf) ? "" : " vrf " + vrf);

        public override string TcpCheckUnsupportedReason => null;

        public override TcpCheckOutcome ReadTcpCheck(string output) => ReachabilityWording.ReadUnixTelnet(output);

        /// <summary>NX-OS ping: "PING name (address)" when resolved; "% Invalid host/interface NAME" when not.</summary>
        public override NameLookup ReadNameLookup(string pingOutput)
        {
            var address = ReachabilityWording.PingedAddress(pingOutput);
            if (address != null) return new NameLookup { Resolved = true, Address = address };
            return new NameLookup { Resolved = TextPatterns.IsMatch(pingOutput ?? "", @"Invalid host|unknown host|could not resolve", System.Text.RegularExpressions.RegexOptions.IgnoreCase) ? false : (bool?)null };
        }

        // Under 'callhome': 'transport http use-vrf NAME' (the lab's NX-OS capture nxos9_show-running-config-callhome_cssm).
        public override string CallHomeVrfLine(string vrf) => "transport http use-vrf " + vrf;

        public override LicensingMode LicensingModeFor(string release) =>
            ReleaseVersion.AtLeast(release, "10.2") ? LicensingMode.SmartLicensingUsingPolicy : LicensingMode.SmartLicensing;

        // 'show running-config callhome': Cisco Nexus 9000 NX-OS System Management Configuration Guide, Call Home.
        public override IReadOnlyList<string> RunningConfigReads(IEnumerable<string> lines) =>
            RunningConfigReads(lines, "show running-config callhome", "show running-config | include ^license");

        public override LicensingCommands LicensingCommandsFor(LicensingMode mode) =>
            mode == LicensingMode.SmartLicensingUsingPolicy
                ? new LicensingCommands { SupportsTrust = true, SupportsSync = true, SmartUrlKeyword = true }
                : new NxOsLegacyLicensing { SupportsRegister = true };

        private sealed class NxOsLegacyLicensing : LicensingCommands
        {
            public override IReadOnlyList<string> Transport(DeviceTransportKind kind, string url)
            {
                if (kind != DeviceTransportKind.CallHome) return base.Transport(kind, url);
                CliArgument.Url(url, "transport URL");
                return new[]
                {
                    "callhome", "destination-profile CiscoTAC-1 transport-method http",
                    "destination-profile CiscoTAC-1 http " + url, "enable",
                };
            }
        }
    }
}
