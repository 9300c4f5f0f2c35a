using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>IOS-XE: legacy Smart Licensing up to 17.3.1, Smart Licensing Using Policy from 17.3.2.</summary>
    public sealed class IosXeProfile : PlatformProfile
    {
        public override DevicePlatform Platform => DevicePlatform.IosXe;

        public override bool Matches(string v) =>
            Has(v, "IOS XE Software") || Has(v, "IOS-XE Software") || Has(v, "IOSXE") || (Has(v, "Cisco IOS Software") && Has(v, "XE"));

        /// <summary>'telnet HOST PORT [/vrf V] [/source-interface IF]' (Cisco IOS XE command reference, telnet: the slash options); read by <see cref="ReachabilityWording.ReadIosTelnet"/>.</summary>
        public override string TcpCheckCommand(string host, int port, string vrf, string sourceInterface) =>
            "telnet " + host + " " + port + (string.IsNullOrEmpty(vrf) ? "" : " /vrf " + vrf) + (string.IsNullOrEmpty(sourceInterface) ? "" : " /source-interface " + sourceInterface);

        public override string TcpCheckUnsupportedReason => null;

        protected override string ReadRelease(string v) =>
            First(v, @"Cisco IOS[ -]XE Software,? Version\s+(?<v>[0-9][^\s,]*)", @"Cisco IOS Software.*?Version\s+(?<v>[0-9][^\s,]*)");

        public override LicensingMode LicensingModeFor(string release) =>
            ReleaseVersion.AtLeast(release, "17.3.2") ? LicensingMode.SmartLicensingUsingPolicy : LicensingMode.SmartLicensing;

        public override LicensingCommands LicensingCommandsFor(LicensingMode mode) =>
            mode == LicensingMode.SmartLicensingUsingPolicy
                ? new LicensingCommands { SupportsTrust = true, SupportsSync = true, SmartUrlKeyword = true }
                : new LicensingCommands { SupportsRegister = true };
    }
}
