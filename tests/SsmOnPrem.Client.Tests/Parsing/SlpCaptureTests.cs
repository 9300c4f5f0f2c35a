using System.Linq;
using SsmOnPrem.Client.Parsing;
using Xunit;
using static SsmOnPrem.Client.Tests.Parsing.CaptureAssert;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>Smart Licensing Using Policy captures (IOS XE 17.x, NX-OS 10.x): what a human reading each file would state.</summary>
    public class SlpCaptureTests
    {
        private const double Ist = 5.5, Pdt = -7, Edt = -4, Est = -5;

        private static void IsSlp(LicenseStatus s)
        {
            Assert.Equal(LicensingMode.SmartLicensingUsingPolicy, s.Mode);
            Assert.Equal(RegistrationStatus.NotApplicable, s.RegistrationStatus);
            Assert.True(s.SmartLicensingEnabled);
        }

        [Fact]
        public void ShowLicenseAllCsluToOnPremAcked()
        {
            var s = Parse("iosxe17_show-license-all_slp-cslu-onprem-acked.txt");
            Assert.Equal(LicenseCommands.ShowLicenseAll, s.Command);
            IsSlp(s);
            Assert.Equal(TransportType.Cslu, s.TransportType);
            Assert.Equal("http://8.39.22.48/cslu/v1/pi/CUBE%20Regression%20Mirabile-1", s.TransportUrl);
            Assert.Equal("BU Production Test", s.SmartAccount);                   // "As of ..." stripped
            Date("Jan 30 06:27:46 2025", s.AccountInformationAsOf, Ist);
            Assert.Equal("CUBE Regression Mirabile", s.VirtualAccount);
            Date("Jan 30 23:57:03 2025", s.LastAckReceived, Ist);
            Date("Mar 31 23:57:03 2025", s.NextAckDeadline, Ist);
            Date("Feb 28 23:53:28 2025", s.NextReportPush, Ist);
            Date("Jan 29 23:53:28 2025", s.LastReportPush, Ist);
            Assert.Equal(30, s.ReportingIntervalDays);
            Date("Apr 08 12:56:59 2021", s.TrustCodeInstalled, Ist);
            Assert.Equal(0, s.WaitingForAck);
            Assert.Equal(162, s.AcknowledgementsReceived);
            Assert.Equal("SLE Policy", s.PolicyName);
            Udi("C8200L-1N-4T", "FGL2435LHP5", s.Udi);                             // not the peer's "P:...,S:..." UDI inside a license
            Assert.Equal(3, s.Licenses.Count);
            License(s.Licenses[0], "network-premier_10M", "ESR_P_10M_P", 1, "IN USE");
            Assert.Equal("Perpetual", s.Licenses[0].LicenseType);
            Assert.Equal("NOT ENFORCED", s.Licenses[0].EnforcementType);
            License(s.Licenses[1], "dna-premier_10M", "DNA_P_10M_P", 1, "IN USE");
            Assert.Equal("Subscription", s.Licenses[1].LicenseType);
            License(s.Licenses[2], "CUBE_TS_ENH", "CUBE_TS_ENH", 1, "IN USE");
            Assert.Equal("6.2.0/11094e344", s.SmartAgentVersion);
            Assert.Equal("IOS-XE", s.Platform);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseAllCallhomeNoAckWithHeaderNoise()
        {
            var s = Parse("iosxe17_show-license-all_slp-callhome-no-ack.txt");   // starts with "Load for five secs" / "Time source is"
            Assert.Equal(LicenseCommands.ShowLicenseAll, s.Command);
            IsSlp(s);
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Assert.Null(s.SmartAccount);                                          // "<none>"
            Assert.Null(s.VirtualAccount);
            Assert.Null(s.LastAckReceived);
            Assert.Null(s.LastReportPush);
            Assert.Null(s.TrustCodeInstalled);
            Date("Feb 07 10:32:11 2022", s.NextAckDeadline);
            Date("Nov 10 11:32:02 2021", s.NextReportPush);
            Assert.Equal(0, s.WaitingForAck);
            Udi("C9300-24UX", "FCW2303D16Y", s.Udi);
            Assert.Equal(new[] { "Active", "Standby", "Member" }, s.HaUdis.Select(u => u.Role));
            Assert.Equal("FHH2043P09E", s.HaUdis[1].SerialNumber);
            Assert.Equal(4, s.Licenses.Count);
            License(s.Licenses[3], "dna-advantage", "C9300-48 DNA Advantage", 1, "IN USE");
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseAllSmartProxyAcked()
        {
            var s = Parse("iosxe17_show-license-all_slp-smart-proxy-acked.txt");
            IsSlp(s);
            Assert.Equal(TransportType.Smart, s.TransportType);
            Assert.Equal("https://smartreceiver.cisco.com/licservice/license", s.TransportUrl);
            Assert.Equal("173.36.224.109:80", s.TransportProxy);
            Assert.Equal("BU Production Test", s.SmartAccount);
            Assert.Equal("Cat9K-FranklinDT", s.VirtualAccount);
            Date("Dec 18 11:05:11 2023", s.LastAckReceived, Pdt);
            Date("Feb 16 11:05:11 2024", s.NextAckDeadline, Pdt);
            Date("Nov 22 11:34:47 2023", s.TrustCodeInstalled, Pdt);              // per-member form: the active member's date
            Assert.Equal(0, s.WaitingForAck);
            Assert.Equal(64, s.AcknowledgementsReceived);
            Udi("C9407R", "FXS2119Q2U7", s.Udi);
            Assert.Empty(s.Licenses);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseAllStackWaitingForAck()
        {
            var s = Parse("iosxe17_show-license-all_slp-smart-stack-waiting-ack.txt");
            IsSlp(s);
            Assert.Equal(TransportType.Smart, s.TransportType);
            Date("Mar 15 20:10:40 2024", s.LastAckReceived);
            Date("Mar 14 22:27:41 2024", s.LastReportPush);
            Date("Mar 13 21:32:51 2024", s.TrustCodeInstalled);
            Assert.Equal(86, s.WaitingForAck);
            Assert.Equal(0, s.AcknowledgementsReceived);
            Assert.Equal(4, s.HaUdis.Count);
            Udi("C9350-24U", "FOC2705Y8X0", s.Udi);
            License(s.Licenses[0], "network-advantage", "C9350-24 Catalyst Network Advantage", 4, "IN USE");
            License(s.Licenses[1], "dna-advantage", "C9350-24 Catalyst Software Subscription Advantage", 4, "IN USE");
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseAllTrustCodeDetailAndNoReporting()
        {
            var s = Parse("iosxe17_show-license-all_slp-smart-trustcode-detail.txt");
            IsSlp(s);
            Assert.Equal("https://smartreceiver-stage.cisco.com/licservice/license", s.TransportUrl);
            Assert.Null(s.TransportProxy);                                       // "Not Configured"
            Assert.Equal(0, s.ReportingIntervalDays);                            // "0 (no reporting)"
            Assert.Null(s.NextAckDeadline);
            Assert.Null(s.NextReportPush);
            Date("Apr 23 15:28:43 2025", s.LastAckReceived, Ist);
            Date("Apr 23 15:28:43 2025", s.TrustCodeInstalled, Ist);             // "INSTALLED on ... IST    Valid on ..."
            Assert.Equal(3, s.WaitingForAck);
            Assert.Equal("Custom Policy", s.PolicyName);
            License(Assert.Single(s.Licenses), "essentials", "Switching OS Essentials", 3, "IN USE");
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseStatusCsluAcked()
        {
            var s = Parse("iosxe17_show-license-status_slp-cslu-acked.txt");
            Assert.Equal(LicenseCommands.ShowLicenseStatus, s.Command);
            IsSlp(s);
            Assert.Equal(TransportType.Cslu, s.TransportType);
            Assert.Null(s.TransportUrl);                                          // "Cslu address: <empty>"
            Assert.Equal("SA-Switching-Polaris", s.SmartAccount);
            Assert.Equal("SLE_Test", s.VirtualAccount);
            Date("Oct 14 12:10:32 2021", s.LastAckReceived);
            Date("Jan 12 12:10:32 2022", s.NextAckDeadline);
            Date("Oct 14 11:37:52 2021", s.TrustCodeInstalled);
            Assert.Null(s.WaitingForAck);                                         // not printed by 'show license status'
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseStatusCsluDefaultNoAck()
        {
            var s = Parse("iosxe17_show-license-status_slp-cslu-default-no-ack.txt");
            Assert.Equal(LicenseCommands.ShowLicenseStatus, s.Command);           // "router# show license status"
            IsSlp(s);
            Assert.Equal(TransportType.Cslu, s.TransportType);
            Assert.Null(s.TransportUrl);
            Assert.Null(s.SmartAccount);
            Assert.Null(s.LastAckReceived);
            Assert.Null(s.TrustCodeInstalled);
            Date("Mar 18 08:00:01 2025", s.NextAckDeadline);
            Date("Mar 06 09:29:58 2025", s.NextReportPush);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseStatusSmartAcked()
        {
            var s = Parse("iosxe17_show-license-status_slp-smart-acked.txt");
            IsSlp(s);
            Assert.Equal(TransportType.Smart, s.TransportType);
            Assert.Equal("Eg-SA", s.SmartAccount);
            Assert.Equal("Eg-VA", s.VirtualAccount);
            Date("Dec 03 08:34:58 2021", s.LastAckReceived);
            Date("Dec 03 08:23:45 2021", s.TrustCodeInstalled);                 // single-line form
            Date("Dec 03 08:30:57 2021", s.LastReportPush);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseStatusLowercaseTimeZone()
        {
            var s = Parse("iosxe17_show-license-status_slp-smart-proxy-no-reporting.txt");
            IsSlp(s);
            Assert.Equal("Sample Smart Account", s.SmartAccount);
            Assert.Equal("DEFAULT", s.VirtualAccount);
            Assert.Equal("proxy.foo.bar.com:80", s.TransportProxy);
            Date("Aug 03 09:03:25 2024", s.LastAckReceived, Est);               // "... 2024 est"
            Date("Aug 03 09:02:50 2024", s.TrustCodeInstalled, Est);
            Assert.Equal(0, s.ReportingIntervalDays);
            Assert.Null(s.NextReportPush);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseStatusTransportOff()
        {
            var s = Parse("iosxe17_show-license-status_slp-transport-off-acked.txt");
            IsSlp(s);
            Assert.Equal(TransportType.Off, s.TransportType);                    // "Type: Transport Off"
            Date("Nov 08 10:31:23 2023", s.LastAckReceived, Edt);
            Date("Feb 06 10:31:23 2024", s.NextAckDeadline, Edt);
            Assert.Null(s.TrustCodeInstalled);
            Assert.Empty(s.Warnings);
        }

        [Theory]
        [InlineData("iosxe17_show-license-summary_slp-account-none.txt", 4, "network-advantage", "C9300-24 Network Advan...", 2)]
        [InlineData("iosxe17_show-license-summary_slp-cube.txt", 3, "network-premier_10M", "ESR_P_10M_P", 1)]
        [InlineData("iosxe17_show-license-summary_slp-router.txt", 3, "network-premier_5G", "ESR_P_5G_P", 1)]
        [InlineData("iosxe17_show-license-summary_slp-usage-only.txt", 2, "network-advantage", "C9300-48 Network Advan...", 1)]
        public void ShowLicenseSummarySlpTables(string fixture, int licenses, string firstName, string firstTag, int firstCount)
        {
            var s = Parse(fixture);
            Assert.Equal(LicenseCommands.ShowLicenseSummary, s.Command);
            IsSlp(s);                                                             // "IN USE" is SLP wording
            Assert.Equal(licenses, s.Licenses.Count);
            License(s.Licenses[0], firstName, firstTag, firstCount, "IN USE");
            Assert.All(s.Licenses, l => Assert.Equal("IN USE", l.Status));
            Assert.Null(s.SmartAccount);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseUdiHaStack()
        {
            var s = Parse("iosxe17_show-license-udi_ha-stack.txt");
            Assert.Equal(LicenseCommands.ShowLicenseUdi, s.Command);
            Udi("C9350-24U", "FOC2705Y8X0", s.Udi);
            Assert.Equal(4, s.HaUdis.Count);
            Assert.Equal("Standby", s.HaUdis[1].Role);
            Assert.Equal("FOC2705Y8XF", s.HaUdis[1].SerialNumber);
            Assert.Equal("FOC2719YOHR", s.HaUdis[3].SerialNumber);
            Assert.Equal("IOS-XE", s.Platform);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void ShowLicenseUsageSlp()
        {
            var s = Parse("iosxe17_show-license-usage_slp.txt");
            Assert.Equal(LicenseCommands.ShowLicenseUsage, s.Command);
            IsSlp(s);
            Assert.Equal(AuthorizationStatus.NotApplicable, s.AuthorizationStatus);   // "Status: Not Applicable"
            Assert.Equal(4, s.Licenses.Count);
            License(s.Licenses[0], "network-advantage", "C9300-24 Network Advantage", 2, "IN USE");
            Assert.Equal("C9300-24 Network Advantage", s.Licenses[0].Description);
            Assert.Equal("Subscription", s.Licenses[3].LicenseType);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void NxOs10ShowLicenseUsageSlp()
        {
            var s = Parse("nxos10_show-license-usage_slp.txt");
            Assert.Equal(LicenseCommands.ShowLicenseUsage, s.Command);
            IsSlp(s);
            Assert.Equal("NX-OS", s.Platform);
            var l = Assert.Single(s.Licenses);
            License(l, "LAN_ENTERPRISE_SERVICES_PKG", "LAN_ENTERPRISE_SERVICES_PKG", 1, "IN USE");
            Assert.Equal("LAN license for Nexus 9300-XF", l.Description);
            Assert.Equal("Generic", l.LicenseType);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void TechSupportCsluAcked()
        {
            var s = Parse("iosxe17_show-license-tech-support_slp-cslu-acked.txt");
            Assert.Equal(LicenseCommands.ShowLicenseTechSupport, s.Command);
            IsSlp(s);
            Assert.Equal(TransportType.Cslu, s.TransportType);
            Assert.Equal("http://172.19.180.22:8182/cslu/v1/pi", s.TransportUrl);
            Date("Jan 10 20:32:26 2022", s.LastAckReceived);
            Assert.Equal(30, s.ReportingIntervalDays);                            // "30  days State(4) InPolicy(90)"
            Assert.Equal(0, s.WaitingForAck);                                     // "0(10)"
            Assert.Equal(76, s.AcknowledgementsReceived);
            Udi("C9300-24UX", "FCW2134L00C", s.Udi);
            Assert.Equal(3, s.HaUdis.Count);
            Assert.Equal(4, s.Licenses.Count);
            License(s.Licenses[0], "network-advantage", "regid.2017-03.com.cisco.advantagek9,1.0_bd1da96e-ec1d-412b-a50e-53846b347d53", 3, "IN USE");
            License(s.Licenses[2], "air-network-advantage", "regid.2018-06.com.cisco.DNA_NWStack,1.0_e7244e71-3ad5-4608-8bf0-d12f67c80896", 0, "NOT IN USE");
            Assert.Empty(s.CommunicationFailures);                               // Hello NO REPLY has no failure reason
            Assert.Equal("5.3.16_rel/55", s.SmartAgentVersion);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void TechSupportCsluAcked2()
        {
            var s = Parse("iosxe17_show-license-tech-support_slp-cslu-acked-2.txt");
            Assert.Equal(LicenseCommands.ShowLicenseTechSupport, s.Command);       // echoed without a prompt
            IsSlp(s);
            Assert.Equal("http://1.4.135.115:8182/cslu/v1/pi", s.TransportUrl);
            Date("Oct 11 15:39:41 2022", s.LastAckReceived, Pdt);
            Assert.Equal(119, s.AcknowledgementsReceived);
            Assert.Contains("Authorization Request: BUILD REQUEST ERROR - Null pointer Error", s.CommunicationFailures);
            Udi("C9410R", "FXS2228026X", s.Udi);
            Assert.Equal(2, s.Licenses.Count);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void TechSupportCsluNoAckHelloFailing()
        {
            var s = Parse("iosxe17_show-license-tech-support_slp-cslu-no-ack-hello-failing.txt");
            IsSlp(s);
            Assert.Equal(TransportType.Cslu, s.TransportType);
            Assert.Null(s.TransportUrl);
            Assert.Null(s.LastAckReceived);
            Date("Sep 25 11:23:47 2022", s.NextAckDeadline);
            Assert.Equal(0, s.WaitingForAck);
            Udi("C9300-48S", "FOC2517L8KW", s.Udi);
            Assert.Equal(4, s.Licenses.Count);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void TechSupportIdentityInvalidSaysWhy()
        {
            var s = Parse("iosxe17_show-license-tech-support_slp-smart-identity-invalid.txt");
            IsSlp(s);
            Assert.Equal(TransportType.Smart, s.TransportType);
            Assert.Equal("173.36.224.108:80", s.TransportProxy);
            Date("Aug 30 19:03:00 2023", s.LastAckReceived, Pdt);
            Assert.Equal(2, s.CommunicationFailures.Count);
            Assert.StartsWith("Usage Reporting: INVALID STATUS CODE - {\"product_instance_identifier\"", s.CommunicationFailures[0]);
            Assert.Contains("Please re-register the instance.", s.CommunicationFailures[0]);
            Assert.StartsWith("Trust Sync:", s.CommunicationFailures[1]);
            Udi("C9407R", "FXS2119Q2U7", s.Udi);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void TechSupportServerError()
        {
            var s = Parse("iosxe17_show-license-tech-support_slp-smart-server-error.txt");   // "No time source, *17:05:54.449 UTC ..." header
            IsSlp(s);
            Assert.Null(s.LastAckReceived);
            Date("Oct 27 17:00:51 2024", s.NextAckDeadline);
            Assert.Equal(new[] { "Trust Sync: OK_TRY_AGAIN - Server error occurred: LS_LICENGINE_FAIL_TO_CONNECT" }, s.CommunicationFailures);
            Udi("C9300-24P", "FOC2334W0K5", s.Udi);
            Assert.Equal(4, s.Licenses.Count);
            Assert.Empty(s.Warnings);
        }
    }
}
