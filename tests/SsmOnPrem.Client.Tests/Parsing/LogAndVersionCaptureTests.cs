using System;
using System.IO;
using System.Linq;
using SsmOnPrem.Client.Parsing;
using Xunit;
using static SsmOnPrem.Client.Tests.Parsing.CaptureAssert;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>Syslog captures, the 'show version' line and license outputs without status fields.</summary>
    public class LogAndVersionCaptureTests
    {
        [Fact]
        public void SyslogRegistrationFailedViaCallHome()
        {
            var s = Parse("iosxe16_syslog_registration-failed-callhome.txt");
            Assert.Equal(LicenseCommands.Syslog, s.Command);
            Assert.Equal(RegistrationStatus.Failed, s.RegistrationStatus);
            Assert.Equal("Fail to send out Call Home HTTP message.", s.RegistrationFailureReason);
            Assert.Equal("Communication message send error for udi <>", s.AuthorizationFailureReason);
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Assert.Equal("https://tools.cisco.com/its/service/oddce/services/DDCEService", s.TransportUrl);
            Assert.Contains(s.CommunicationFailures, f => f.EndsWith("(ERR 207 : Connection time out)", StringComparison.Ordinal));
            Assert.Equal(5, s.SyslogMessages.Count);
            Assert.Null(s.Udi);                                                   // "udi <>" is no UDI
        }

        [Fact]
        public void SyslogSlpOnPremSituations()
        {
            var s = Parse("iosxe17_syslog_slp-onprem.txt");
            Assert.Equal(LicenseCommands.Syslog, s.Command);
            Assert.Equal(LicensingMode.SmartLicensingUsingPolicy, s.Mode);
            Assert.Equal(3, s.SyslogMessages.Count);
            Assert.Contains(s.CommunicationFailures, f => f.Contains("CSSM OnPrem is down rev"));
            Assert.Contains("Received empty response from server", s.CommunicationFailures);
            Assert.Equal(TransportType.Cslu, s.TransportType);                    // "COMM_RESTORED: ... (CSLU) restored"
        }

        [Fact]
        public void ConsoleBootLog()
        {
            var s = Parse("iosxe16_console-boot_smart-agent.txt");
            Assert.Equal(LicenseCommands.Syslog, s.Command);
            Assert.True(s.SmartLicensingEnabled);
            Assert.Equal(AuthorizationStatus.EvalMode, s.AuthorizationStatus);
            Assert.False(s.ExportControlled);
            Assert.Equal(7, s.SyslogMessages.Count);
            Assert.Equal("*Oct 22 16:06:08.270:", s.SyslogMessages[5].Header);
        }

        [Fact]
        public void IosXrStandbyRpMessages()
        {
            var s = Parse("iosxr_syslog_smart-agent-standby-rp.txt");
            Assert.Equal(LicenseCommands.Syslog, s.Command);
            Assert.Equal("IOS-XR", s.Platform);
            Assert.True(s.SmartLicensingEnabled);
            Assert.Equal(5, s.SyslogMessages.Count);
            Assert.All(s.SyslogMessages, m => Assert.Equal("LICENSE-SMART_LIC", m.Facility));
            Assert.Equal("HA_ROLE_CHANGED", s.SyslogMessages[4].Mnemonic);
        }

        [Fact]
        public void IosXrFailuresGluedToConfirmPrompt()
        {
            var s = Parse("iosxr_syslog_smart-lic-failures-glued-to-prompt.txt");
            Assert.Equal(LicenseCommands.Syslog, s.Command);
            Assert.Equal("IOS-XR", s.Platform);                                   // from the RP/0/RP0/CPU0:ios# prompt
            Assert.Equal(2, s.SyslogMessages.Count);
            Assert.Equal("Proceed with reload?  [confirm]", s.SyslogMessages[0].Prefix);
            Assert.Contains("smart license transport is disabled in call-home", Assert.Single(s.CommunicationFailures));
            Assert.StartsWith("Communication message send error", s.AuthorizationFailureReason);
            Udi("NCS-55A2-MOD-S", "FOC2311R1HE", s.Udi);
        }

        [Fact]
        public void SyslogInterleavedInPagedShowIsdnOutput()
        {
            // Not a license command: the only license content is the SMART_LIC message written after --More--.
            var s = Parse("iosxe_syslog-interleaved-in-paged-output.txt");
            Assert.Equal(LicenseCommands.Syslog, s.Command);
            var m = Assert.Single(s.SyslogMessages);
            Assert.Equal("REPORTING_REQUIRED", m.Mnemonic);
            Assert.Equal("    Layer 1 Status:", m.Continuation);
            Assert.Equal(LicensingMode.SmartLicensingUsingPolicy, s.Mode);
        }

        [Fact]
        public void ShowVersionCaptureUsesTheFirstLineAndWarnsAboutTheOthers()
        {
            var s = Parse("iosxe_show-version_smart-licensing-status-lines.txt");
            Assert.Equal(LicenseCommands.ShowVersion, s.Command);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.EvalExpired, s.AuthorizationStatus);
            Assert.Equal(4, s.Warnings.Count);
            Assert.All(s.Warnings, w => Assert.Contains("another 'Smart Licensing Status:' line", w));
        }

        [Theory]
        [InlineData(0, LicensingMode.SmartLicensing, RegistrationStatus.Registered, AuthorizationStatus.EvalExpired)]
        [InlineData(1, LicensingMode.SmartLicensing, RegistrationStatus.Unregistered, AuthorizationStatus.EvalExpired)]
        [InlineData(2, LicensingMode.SmartLicensing, RegistrationStatus.Unregistered, AuthorizationStatus.NoLicensesInUse)]
        [InlineData(3, LicensingMode.SmartLicensingUsingPolicy, RegistrationStatus.NotApplicable, AuthorizationStatus.NotApplicable)]
        [InlineData(4, LicensingMode.SmartLicensingUsingPolicy, RegistrationStatus.NotApplicable, AuthorizationStatus.NotApplicable)]
        public void ShowVersionEachDeviceLine(int index, LicensingMode mode, RegistrationStatus registration, AuthorizationStatus authorization)
        {
            var line = File.ReadAllLines(FixtureText.PathOf("iosxe_show-version_smart-licensing-status-lines.txt"))
                .Where(l => l.StartsWith("Smart Licensing Status:", StringComparison.Ordinal)).ElementAt(index);
            var s = LicenseOutputParser.Parse("Cisco IOS XE Software, Version 17.03.04\n" + line + "\n");
            Assert.Equal(LicenseCommands.ShowVersion, s.Command);
            Assert.Equal(mode, s.Mode);
            Assert.Equal(registration, s.RegistrationStatus);
            Assert.Equal(authorization, s.AuthorizationStatus);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void FullShowVersionAroundTheLine()
        {
            var text = "c9500#show version\n" +
                       "Cisco IOS XE Software, Version 16.12.04\n" +
                       "Cisco IOS Software [Gibraltar], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 16.12.4, RELEASE SOFTWARE (fc5)\n" +
                       "c9500 uptime is 1 week, 2 days, 3 hours, 4 minutes\n" +
                       "Technology Package License Information:\n" +
                       "Technology-package                                     Technology-package\n" +
                       "Current                        Type                       Next reboot\n" +
                       "network-advantage        Smart License                 network-advantage\n\n" +
                       "Smart Licensing Status: REGISTERED/AUTHORIZED\n\n" +
                       "cisco C9500-24Y4C (X86) processor with 1863083K/6147K bytes of memory.\n" +
                       "c9500#";
            var s = LicenseOutputParser.Parse(text);
            Assert.Equal(LicenseCommands.ShowVersion, s.Command);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);
            Assert.Equal(LicensingMode.SmartLicensing, s.Mode);
            Assert.Equal("IOS-XE", s.Platform);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void EventLogIsLicenseOutputWithoutStatus()
        {
            var s = Parse("iosxe17_show-license-eventlog-2_slp.txt");
            Assert.Equal(LicenseCommands.ShowLicenseEventlog, s.Command);
            Assert.Equal(RegistrationStatus.Unknown, s.RegistrationStatus);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void HistoryMessageIsLicenseOutputWithoutStatus()
        {
            var s = Parse("iosxe17_show-license-history-message_empty.txt");
            Assert.Equal(LicenseCommands.ShowLicenseHistory, s.Command);         // its "Usage Reporting:" is not the status section
            Assert.Null(s.LastAckReceived);
            Assert.Equal(LicensingMode.Unknown, s.Mode);
            Assert.Empty(s.Warnings);
        }
    }
}
