using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Tests.Devices;

namespace SsmOnPrem.Client.Tests.Workflows
{
    /// <summary>The platforms <see cref="FakeLicensingDevice"/> models.</summary>
    public enum FakeKind { IosXe16, IosXe17, Nxos9, IosXr, Asa }

    /// <summary>
    /// A licensing device model on top of <see cref="FakeCiscoShell"/>, for unit tests of RegistrationWorkflow: one per
    /// platform (show version, prompt, paging, save command, syslog facility), a running and a startup configuration, and
    /// a Smart Licensing agent whose outcome is chosen by the test. Outputs are trimmed to what the parser reads; the real
    /// outputs are exercised by the parser's capture tests and the lab.
    /// </summary>
    internal sealed class FakeLicensingDevice
    {
        public readonly FakeCiscoShell Shell = new FakeCiscoShell { ChunkSize = 64 };
        public readonly FakeKind Platform;
        private int _logins;
        public readonly List<string> Startup = new List<string>();
        public string RegistrationStatus = "UNREGISTERED";
        public string FailureReason;
        public DateTimeOffset? TrustInstalled;
        public DateTimeOffset? LastAck;
        public string CsluUrl;

        /// <summary>What 'license smart register' does: "success", "fail" (status FAILED + syslog), "syslog-fail" (syslog only, status stays in progress), "stuck".</summary>
        public string RegisterOutcome = "success";
        /// <summary>What the ping prints ("ok" or "fail").</summary>
        public bool PingWorks = true;
        /// <summary>The save command's reply (null: the platform's success text).</summary>
        public string SaveReply;
        /// <summary>'show license summary' (read only by the Verify stage) is refused.</summary>
        public bool FailVerify;

        public FakeLicensingDevice(FakeKind platform)
        {
            Platform = platform;
            Shell.IosXr = platform == FakeKind.IosXr;
            Shell.Asa = platform == FakeKind.Asa;
            Shell.Privileged = platform == FakeKind.Nxos9 || platform == FakeKind.IosXr;
            Shell.ShowVersion = ShowVersion();
            Shell.Handler = Handle;
            if (platform == FakeKind.IosXe16 || platform == FakeKind.IosXe17)
                Shell.Questions["copy running-config startup-config"] = ("Destination filename [startup-config]? ",
                    answer => answer.Length == 0 ? Save("Building configuration...\n[OK]\n") : "%Error opening nvram:" + answer + "\n");
        }

        public DeviceConnectionOptions Options(TimeSpan? commandTimeout = null) => new DeviceConnectionOptions
        {
            ComputerName = "fake-" + Platform.ToString().ToLowerInvariant(),
            Credential = new NetworkCredential("admin", "loginPass1"),
            EnableCredential = new NetworkCredential("", Shell.EnableSecret),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = commandTimeout ?? TimeSpan.FromSeconds(3),
            RecoveryTimeout = TimeSpan.FromSeconds(1),
            DisablePaging = true,
            DetectPlatform = false,
        };

        public DeviceSession Open()
        {
            // Each login starts a new CLI session (the workflow leaves closing to its caller).
            if (_logins++ > 0) Shell.Reconnect(Platform == FakeKind.Nxos9 || Platform == FakeKind.IosXr);
            return DeviceSession.OpenOver(Shell, Options());
        }

        /// <summary>The configuration lines the device runs with (committed; IOS-XR candidates only after 'commit').</summary>
        public IReadOnlyList<string> Running => Shell.Committed;

        /// <summary>A reload: the running configuration becomes the startup one.</summary>
        public void Reload()
        {
            Shell.Committed.Clear();
            Shell.Committed.AddRange(Startup);
        }

        private string Save(string reply)
        {
            if (SaveReply != null) return SaveReply;
            Startup.Clear();
            Startup.AddRange(Shell.Committed);
            return reply;
        }

        private string ShowVersion()
        {
            switch (Platform)
            {
                case FakeKind.IosXe16: return "Cisco IOS XE Software, Version 16.12.04\ncisco C9300-24T (X86) processor\nProcessor board ID FOC1111A111\n";
                case FakeKind.IosXe17: return "Cisco IOS XE Software, Version 17.09.04a\ncisco C9300-48P (X86) processor\nProcessor board ID FOC2222B222\n";
                case FakeKind.Nxos9: return "Cisco Nexus Operating System (NX-OS) Software\n  NXOS: version 9.3(8)\n  cisco Nexus9000 C93180YC-FX Chassis\nProcessor Board ID FDO3333C333\n";
                case FakeKind.IosXr: return "Cisco IOS XR Software, Version 7.5.2\ncisco NCS-55A1-24H () processor\n";
                default: return "Cisco Adaptive Security Appliance Software Version 9.18(3)\nHardware:   FPR-2110, 8192 MB RAM\nSerial Number: JAD4444D444\n";
            }
        }

        /// <summary>The platform's licensing syslog line for a mnemonic (IOS-XR: the LICENSE group and " : ").</summary>
        public string Syslog(int severity, string mnemonic, string text) =>
            Platform == FakeKind.IosXr
                ? $"RP/0/RP0/CPU0:Dec  3 09:00:00.000 UTC: smartlicserver[392]: %LICENSE-SMART_LIC-{severity}-{mnemonic} : {text}"
                : $"*Dec  3 09:00:00.000: %SMART_LIC-{severity}-{mnemonic}: {text}";

        private string Handle(string cmd)
        {
            // Every read of the running configuration (the platforms' section reads included) gets all of it: the planner
            // must find its lines in whatever the device printed.
            if (cmd == "show running-config" || cmd.StartsWith("show running-config ", StringComparison.Ordinal))
                return "Building configuration...\n!\n" + string.Join("\n", Running) + "\n!\nend\n";
            if (cmd == "terminal monitor") return "";
            if (cmd == "copy running-config startup-config" && Platform == FakeKind.Nxos9)
                return Save("[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.\n");
            if (cmd == "write memory" && Platform == FakeKind.Asa)
                return Save("Building configuration...\nCryptochecksum: 1d7a3d8c 5c1a9f0e 2b7e43a1 98d4c2f7 \n\n7426 bytes copied in 0.160 secs\n[OK]\n");
            if (cmd.StartsWith("ping ", StringComparison.Ordinal))
                return PingWorks ? "Type escape sequence to abort.\nSending 5, 100-byte ICMP Echos to 192.0.2.5, timeout is 2 seconds:\n!!!!!\nSuccess rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms\n"
                                 : "Type escape sequence to abort.\nSending 5, 100-byte ICMP Echos to 192.0.2.5, timeout is 2 seconds:\n.....\nSuccess rate is 0 percent (0/5)\n";
            if (cmd.StartsWith("license smart register idtoken ", StringComparison.Ordinal)) return Register();
            if (cmd.StartsWith("license smart trust idtoken ", StringComparison.Ordinal))
            {
                TrustInstalled = DateTimeOffset.UtcNow;
                Shell.SyslogAfterNextCommand = Syslog(6, "TRUST_INSTALL_SUCCESS", "A new licensing trust code was successfully installed on P:C9300-48P,S:FOC2222B222.");
                return "";
            }
            if (cmd.StartsWith("license smart sync ", StringComparison.Ordinal))
            {
                LastAck = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, DateTime.UtcNow.Day, DateTime.UtcNow.Hour, DateTime.UtcNow.Minute, DateTime.UtcNow.Second, TimeSpan.Zero);
                Shell.SyslogAfterNextCommand = Syslog(6, "USAGE_ACK_RECEIVED", "Usage report acknowledgement received from SA");
                return "";
            }
            if (cmd.StartsWith("show license", StringComparison.Ordinal)) Refresh();
            if (cmd == "show license summary" && FailVerify) return null;
            if (cmd == "show license status" || cmd == "show license all") return Platform == FakeKind.IosXe17 ? SlpStatus() : LegacyStatus();
            if (cmd == "show license udi") return "UDI: PID:C9300-48P,SN:FOC2222B222\n";
            if (cmd == "show license summary") return Platform == FakeKind.IosXe17 ? SlpStatus() : LegacyStatus();
            return null;
        }

        private string Register()
        {
            switch (RegisterOutcome)
            {
                case "success":
                    RegistrationStatus = "REGISTERED";
                    Shell.SyslogAfterNextCommand = Syslog(6, "AGENT_REG_SUCCESS", "Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) for udi PID:X,SN:Y");
                    break;
                case "fail":
                    RegistrationStatus = "FAILED";
                    FailureReason = "The product instance token is expired";
                    Shell.SyslogAfterNextCommand = Syslog(3, "AGENT_REG_FAILED", "Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) failed: The product instance token is expired");
                    break;
                case "syslog-fail":
                    RegistrationStatus = "REGISTERING - REGISTRATION IN PROGRESS";
                    Shell.SyslogAfterNextCommand = Syslog(3, "AGENT_REG_FAILED", "Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) failed: The token was revoked");
                    break;
                default:
                    RegistrationStatus = "REGISTERING - REGISTRATION IN PROGRESS";
                    break;
            }
            return Platform == FakeKind.Asa ? "" : "Registration process is in progress. Use the 'show license status' commands to check the progress and result.\n";
        }

        private string LegacyStatus()
        {
            var registered = RegistrationStatus == "REGISTERED";
            var text = "Smart Licensing is ENABLED\n\nRegistration:\n  Status: " + RegistrationStatus + "\n";
            if (registered) text += "  Smart Account: SA\n  Virtual Account: VA\n  Export-Controlled Functionality: ALLOWED\n  Initial Registration: SUCCEEDED on Dec 03 09:00:00 2026 UTC\n";
            if (RegistrationStatus == "FAILED") text += "  Initial Registration: FAILED on Dec 03 09:00:00 2026 UTC\n    Failure reason: " + FailureReason + "\n";
            text += "\nLicense Authorization:\n  Status: " + (registered ? "AUTHORIZED on Dec 03 09:00:01 2026 UTC" : "EVAL MODE") + "\n";
            return text;
        }

        private string SlpStatus()
        {
            string Date(DateTimeOffset? d) => d.HasValue ? d.Value.ToString("MMM dd HH:mm:ss yyyy 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "<none>";
            return "Smart Licensing Using Policy:\n  Status: ENABLED\n\nAccount Information:\n  Smart Account: " + (LastAck.HasValue ? "SA As of " + Date(LastAck) : "<none>")
                + "\n  Virtual Account: " + (LastAck.HasValue ? "VA" : "<none>") + "\n\nTransport:\n  Type: cslu\n  Cslu address: " + (CsluUrl ?? "<empty>")
                + "\n\nUsage Reporting:\n  Last ACK received: " + Date(LastAck) + "\n\nTrust Code Installed: " + Date(TrustInstalled) + "\n";
        }

        /// <summary>The configured CSLU URL follows the running configuration, as on a device.</summary>
        public void Refresh() => CsluUrl = Running.Select(l => l.Trim()).Where(l => l.StartsWith("license smart url cslu ", StringComparison.Ordinal)).Select(l => l.Substring(23)).LastOrDefault();
    }
}
