using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>ASA: 'terminal pager 0' instead of 'terminal length 0'; legacy Smart Licensing with a call-home 'License' profile; 'write memory'.</summary>
    public sealed class AsaDriver : PlatformDriver
    {
        public override DevicePlatform Platform => DevicePlatform.Asa;
        public override string DisplayName => "ASA";
        public override IReadOnlyList<string> Aliases => new[] { "asa", "ftd", "firepower" };
        public override string Description => "Cisco ASA and Firepower in ASA mode";

        public override bool Matches(string v) => Has(v, "Adaptive Security Appliance");

        protected override string ReadRelease(string v) => First(v, @"Adaptive Security Appliance Software Version\s+(?<v>\S+)");

        public override IReadOnlyList<string> PidPrefixes => new[] { "ASA", "FPR", "FIREPOWER" };

        /// <summary>The ASA CLI has no telnet client; its 'ping tcp' could serve, but we hold no capture of its output, so the TCP check is skipped.</summary>
        public override string TcpCheckUnsupportedReason => "the ASA has no telnet client ('ping tcp' exists but its output is not verified here); the TCP port was not checked from the device";

        public override string PagingCommand => "terminal pager 0";

        // 'write memory' asks nothing: "Building configuration... Cryptochecksum: ... N bytes copied in S secs [OK]"
        // (Cisco ASA Series General Operations CLI Configuration Guide, "Save Configuration Changes").
        public override string SaveCommand => "write memory";

        // ASA (no VRFs): 'ping [IFNAME] HOST', the interface name first (ASA command reference, 'ping').
        public override string PingCommand(string target, string vrf, string sourceInterface)
        {
            CheckPingArguments(target, ref vrf, ref sourceInterface);
            return "ping " + (sourceInterface != null ? sourceInterface + " " : "") + target;
        }

        /// <summary>None: ASA call-home has no VRF.</summary>
        public override string CallHomeVrfLine(string vrf) => null;

        public override LicensingMode LicensingModeFor(string release) => LicensingMode.SmartLicensing;

        // 'show running-config [command]': ASA Command Reference (call-home, license smart).
        public override IReadOnlyList<string> RunningConfigReads(IEnumerable<string> lines) =>
            RunningConfigReads(lines, "show running-config call-home", "show running-config license");

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
