using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>IOS-XR: configuration takes effect on 'commit'; legacy Smart Licensing before 24.1.</summary>
    public sealed class IosXrProfile : PlatformProfile
    {
        public override DevicePlatform Platform => DevicePlatform.IosXr;

        public override bool Matches(string v) => Has(v, "IOS XR Software") || Has(v, "IOS-XR Software");

        protected override string ReadRelease(string v) => First(v, @"Cisco IOS[ -]XR Software,? Version\s+(?<v>[0-9][^\s\[,]*)");

        public override ConfigCommitStyle CommitStyle => ConfigCommitStyle.Commit;
        /// <summary>IOS-XR 7 ships its telnet client as an optional package (xr-telnet) and we hold no capture of its wording: the TCP check is skipped there.</summary>
        public override string TcpCheckUnsupportedReason => "IOS-XR's telnet client is an optional package (xr-telnet) on release 7 and its output wording is not verified; the TCP port was not checked from the device";

        public override string AbortConfigCommand => "abort";
        public override string SaveConfigCommand => null; // 'commit' persists

        public override LicensingMode LicensingModeFor(string release) =>
            ReleaseVersion.AtLeast(release, "24.1") ? LicensingMode.SmartLicensingUsingPolicy : LicensingMode.SmartLicensing;

        public override LicensingCommands LicensingCommandsFor(LicensingMode mode) =>
            mode == LicensingMode.SmartLicensingUsingPolicy
                ? new LicensingCommands { SupportsTrust = true, SupportsSync = true, SmartUrlKeyword = true }
                : new IosXrLegacyLicensing { SupportsRegister = true };

        private sealed class IosXrLegacyLicensing : LicensingCommands
        {
            public override IReadOnlyList<string> Transport(DeviceTransportKind kind, string url)
            {
                if (kind != DeviceTransportKind.CallHome) return base.Transport(kind, url);
                CliArgument.Url(url, "transport URL");
                return new[]
                {
                    "call-home", "profile CiscoTAC-1", "active", "destination transport-method http",
                    "destination address http " + url, "reporting smart-licensing-data",
                };
            }
        }
    }
}
