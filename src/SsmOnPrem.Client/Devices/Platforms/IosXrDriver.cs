using System;
using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>
    /// IOS-XR: configuration takes effect (and persists) on 'commit'; legacy Smart Licensing before 24.1; the Smart
    /// Licensing agent logs under the LICENSE group: "%LICENSE-SMART_LIC-6-AGENT_REG_SUCCESS : ..."
    /// (tests/fixtures/device-outputs/iosxr_syslog_*.txt).
    /// </summary>
    public sealed class IosXrDriver : PlatformDriver
    {
        public override DevicePlatform Platform => DevicePlatform.IosXr;
        public override string DisplayName => "IOS-XR";
        public override IReadOnlyList<string> Aliases => new[] { "iosxr", "xr" };
        public override string Description => "Cisco IOS XR: ASR 9000, NCS, 8000 routers";

        public override bool Matches(string v) => Has(v, "IOS XR Software") || Has(v, "IOS-XR Software");

        protected override string ReadRelease(string v) => First(v, @"Cisco IOS[ -]XR Software,? Version\s+(?<v>[0-9][^\s\[,]*)");

        public override IReadOnlyList<string> PidPrefixes => new[] { "NCS", "ASR-9", "ASR9", "8201", "8202", "8800", "XRV", "IOSXRV" };

        /// <summary>"RP/0/RP0/CPU0:host#": the node name before the host name.</summary>
        public override bool IsOwnPrompt(string prompt) => IsNode(prompt);

        public override bool IsOwnSyslog(SyslogMessage m) =>
            m != null && (IsNode(m.Header) || m.Facility.StartsWith("LICENSE-", StringComparison.Ordinal));

        private static bool IsNode(string text) =>
            text != null && text.StartsWith("RP/", StringComparison.Ordinal) && text.IndexOf("/CPU", StringComparison.Ordinal) > 0;

        public override ConfigCommitStyle CommitStyle => ConfigCommitStyle.Commit;
        public override string EnterConfigCommand => "configure terminal";
        /// <summary>IOS-XR 7 ships its telnet client as an optional package (xr-telnet) and we hold no capture of its wording: the TCP check is skipped there.</summary>
        public override string TcpCheckUnsupportedReason => "IOS-XR's telnet client is an optional package (xr-telnet) on release 7 and its output wording is not verified; the TCP port was not checked from the device";

        public override string AbortConfigCommand => "abort";
        /// <summary>None: 'commit' writes the configuration database, which survives a reload.</summary>
        public override string SaveCommand => null;

        public override string LicensingSyslogFacility => "LICENSE-SMART_LIC";

        public override LicensingMode LicensingModeFor(string release) =>
            ReleaseVersion.AtLeast(release, "24.1") ? LicensingMode.SmartLicensingUsingPolicy : LicensingMode.SmartLicensing;

        // 'show running-config call-home': IOS XR System Management Command Reference.
        public override IReadOnlyList<string> RunningConfigReads(IEnumerable<string> lines) =>
            RunningConfigReads(lines, "show running-config call-home", "show running-config | include ^license");

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
