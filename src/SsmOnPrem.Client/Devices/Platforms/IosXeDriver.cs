using System;
using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>IOS-XE: legacy Smart Licensing up to 17.3.1, Smart Licensing Using Policy from 17.3.2.</summary>
    public sealed class IosXeDriver : PlatformDriver
    {
        public override DevicePlatform Platform => DevicePlatform.IosXe;
        public override string DisplayName => "IOS-XE";
        public override IReadOnlyList<string> Aliases => new[] { "iosxe", "xe", "ios" };
        public override string Description => "Cisco IOS XE: Catalyst 9000 switches, Catalyst 9800 wireless controllers, ISR/ASR routers";

        public override bool Matches(string v) =>
            Has(v, "IOS XE Software") || Has(v, "IOS-XE Software") || Has(v, "IOSXE") || (Has(v, "Cisco IOS Software") && Has(v, "XE"));

        protected override string ReadRelease(string v) =>
            First(v, @"Cisco IOS[ -]XE Software,? Version\s+(?<v>[0-9][^\s,]*)", @"Cisco IOS Software[^\n]{0,160}?Version\s+(?<v>[0-9][^\s,]*)");

        /// <summary>'telnet HOST PORT [/vrf V] [/source-interface IF]' (Cisco IOS XE command reference, telnet: the slash options); read by <see cref="ReachabilityWording.ReadIosTelnet"/>.</summary>
        public override string TcpCheckCommand(string host, int port, string vrf, string sourceInterface) =>
            "telnet " + host + " " + port + (string.IsNullOrEmpty(vrf) ? "" : " /vrf " + vrf) + (string.IsNullOrEmpty(sourceInterface) ? "" : " /source-interface " + sourceInterface);

        public override string TcpCheckUnsupportedReason => null;

        public override IReadOnlyList<string> PidPrefixes => new[] { "C9", "C8", "CSR", "ISR", "ASR1", "C1", "CAT", "IE-", "C3" };

        // Wording of 'show license status' / 'show license all' that NX-OS, IOS-XR and ASA do not print.
        public override bool IsOwnOutputLine(string t) =>
            t.StartsWith("Registration process is in progress", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Smart Licensing Status:", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Current smart-licensing transport settings", StringComparison.OrdinalIgnoreCase);

        public override LicensingMode LicensingModeFor(string release) =>
            ReleaseVersion.AtLeast(release, "17.3.2") ? LicensingMode.SmartLicensingUsingPolicy : LicensingMode.SmartLicensing;

        public override LicensingCommands LicensingCommandsFor(LicensingMode mode) =>
            mode == LicensingMode.SmartLicensingUsingPolicy
                ? new LicensingCommands { SupportsTrust = true, SupportsSync = true, SmartUrlKeyword = true }
                : new LicensingCommands { SupportsRegister = true };

        // 'ip http client source-interface IF': IOS-XE Call Home configuration guide and the SLP task library
        // ("Ensuring Network Reachability for Product Instance-Initiated Communication"); see docs/ARCHITECTURE.md, "Sources".
        public override string HttpSourceInterfaceLine(string interfaceName) => "ip http client source-interface " + CliArgument.InterfaceName(interfaceName);

        // 'license smart vrf NAME': SLP command reference, 'license smart (global config)'. SLP only.
        public override string LicenseVrfLine(LicensingMode mode, string vrf) =>
            mode == LicensingMode.SmartLicensingUsingPolicy ? "license smart vrf " + CliArgument.Name(vrf, "VRF name") : null;
    }
}
