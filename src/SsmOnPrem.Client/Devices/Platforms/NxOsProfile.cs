using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>NX-OS: legacy Smart Licensing up to 10.1, Smart Licensing Using Policy from 10.2; call-home is 'callhome'.</summary>
    public sealed class NxOsProfile : PlatformProfile
    {
        public override DevicePlatform Platform => DevicePlatform.NxOs;

        public override bool Matches(string v) => Has(v, "NX-OS") || Has(v, "Nexus Operating System");

        protected override string ReadRelease(string v) =>
            First(v, @"^\s*NXOS:\s+version\s+(?<v>\S+)", @"^\s*system:\s+version\s+(?<v>\S+)", @"NX-OS.*?[Vv]ersion\s+(?<v>[0-9]\S*)");

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
            return new NameLookup { Resolved = System.Text.RegularExpressions.Regex.IsMatch(pingOutput ?? "", @"Invalid host|unknown host|could not resolve", System.Text.RegularExpressions.RegexOptions.IgnoreCase) ? false : (bool?)null };
        }

        public override string SaveConfigCommand => "copy running-config startup-config";

        public override LicensingMode LicensingModeFor(string release) =>
            ReleaseVersion.AtLeast(release, "10.2") ? LicensingMode.SmartLicensingUsingPolicy : LicensingMode.SmartLicensing;

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
