using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>ASA: 'terminal pager 0' instead of 'terminal length 0'; legacy Smart Licensing with a call-home 'License' profile.</summary>
    public sealed class AsaProfile : PlatformProfile
    {
        public override DevicePlatform Platform => DevicePlatform.Asa;

        public override bool Matches(string v) => Has(v, "Adaptive Security Appliance");

        protected override string ReadRelease(string v) => First(v, @"Adaptive Security Appliance Software Version\s+(?<v>\S+)");

        /// <summary>The ASA CLI has no telnet client; its 'ping tcp' could serve, but we hold no capture of its output, so the TCP check is skipped.</summary>
        public override string TcpCheckUnsupportedReason => "the ASA has no telnet client ('ping tcp' exists but its output is not verified here); the TCP port was not checked from the device";

        public override string PagingCommand => "terminal pager 0";

        public override LicensingMode LicensingModeFor(string release) => LicensingMode.SmartLicensing;

        public override LicensingCommands LicensingCommandsFor(LicensingMode mode) => new AsaLicensing { SupportsRegister = true, StatusCommands = new[] { "show license all" } };

        private sealed class AsaLicensing : LicensingCommands
        {
            public override IReadOnlyList<string> Transport(DeviceTransportKind kind, string url)
            {
                if (kind != DeviceTransportKind.CallHome) return base.Transport(kind, url);
                CliArgument.Url(url, "transport URL");
                return new[] { "call-home", "profile License", "destination address http " + url, "destination transport-method http" };
            }
        }
    }
}
