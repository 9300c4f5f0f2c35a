using System.Linq;
using SsmOnPrem.Client.Parsing;
using Xunit;
using static SsmOnPrem.Client.Tests.Parsing.CaptureAssert;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>Legacy Smart Licensing captures (IOS XE 16.x, ASA, NX-OS 9.x): what a human reading each file would state.</summary>
    public class LegacyCaptureTests
    {
        [Fact]
        public void IosXe16ShowLicenseStatusRegistered()
        {
            var s = Parse("iosxe16_show-license-status_registered.txt");
            Assert.Equal(LicenseCommands.ShowLicenseStatus, s.Command);      // from the echoed "c1000v-5#show license status"
            Assert.Equal(LicensingMode.SmartLicensing, s.Mode);
            Assert.True(s.SmartLicensingEnabled);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);
            Assert.Equal("Cisco Systems, TAC", s.SmartAccount);
            Assert.Equal("RADKit-LMM-NA", s.VirtualAccount);
            Assert.True(s.ExportControlled);
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Date("Mar 13 08:09:24 2024", s.InitialRegistration);
            Assert.Equal(AttemptResult.Succeeded, s.InitialRegistrationResult);
            Assert.Null(s.LastRenewalAttempt);
            Date("Sep 09 08:09:23 2024", s.NextRenewalAttempt);
            Date("Mar 13 08:04:56 2025", s.RegistrationExpires);
            Date("Mar 13 08:09:28 2024", s.AuthorizationStatusSince);
            Date("Mar 13 08:09:28 2024", s.LastCommunicationAttempt);
            Assert.Equal(AttemptResult.Succeeded, s.LastCommunicationResult);
            Date("Apr 12 08:09:28 2024", s.NextCommunicationAttempt);
            Date("Jun 11 08:05:02 2024", s.CommunicationDeadline);
            Assert.Null(s.RegistrationFailureReason);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void IosXe16ShowLicenseStatusOutOfCompliance()
        {
            var s = Parse("iosxe16_show-license-status_registered-out-of-compliance.txt");
            Assert.Equal(LicenseCommands.ShowLicenseStatus, s.Command);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.OutOfCompliance, s.AuthorizationStatus);
            Assert.Equal("OUT OF COMPLIANCE", s.AuthorizationStatusText);
            Date("Aug 22 18:58:17 2022", s.AuthorizationStatusSince);
            Assert.Equal("ACME Corporation", s.SmartAccount);
            Assert.Equal("Wile E. Coyote", s.VirtualAccount);
            Date("Nov 20 18:53:16 2022", s.CommunicationDeadline);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void IosXe16ShowLicenseAllRegistered()
        {
            var s = Parse("iosxe16_show-license-all_registered.txt");
            Assert.Equal(LicenseCommands.ShowLicenseAll, s.Command);
            Assert.Equal(LicensingMode.SmartLicensing, s.Mode);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);
            Assert.Equal("Cisco Systems, TAC", s.SmartAccount);
            Assert.Equal("RADKit-LMM-NA", s.VirtualAccount);      // printed at the left margin in this capture
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Udi("CSR1000V", "9NZ7O74FICQ", s.Udi);
            Assert.Equal("IOS-XE", s.Platform);
            Assert.Empty(s.Licenses);                               // "No licenses in use"
            Assert.Equal("4.8.5.4_rel/22", s.SmartAgentVersion);
            Date("Mar 13 08:04:57 2025", s.RegistrationExpires);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void IosXe16ShowLicenseSummaryRegistered()
        {
            var s = Parse("iosxe16_show-license-summary_registered.txt");
            Assert.Equal(LicenseCommands.ShowLicenseSummary, s.Command);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);
            Assert.Equal("BU Production Test", s.SmartAccount);
            Assert.Equal("DNAC-Licensing", s.VirtualAccount);
            Assert.True(s.ExportControlled);
            Assert.Equal(AttemptResult.Succeeded, s.LastCommunicationResult);
            Assert.Null(s.LastCommunicationAttempt);               // "SUCCEEDED" without a date
            Date("Mar 11 16:41:39 2019", s.NextRenewalAttempt);
            Assert.Equal(2, s.Licenses.Count);
            License(s.Licenses[0], "C9200L Network Essen...", "C9200L-NW-E-48", 1, "AUTHORIZED");
            License(s.Licenses[1], "C9200L Network Essen...", "C9200L-NW-E-24", 1, "AUTHORIZED");
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void IosXe16ShowLicenseSummaryUnregisteredEval()
        {
            var s = Parse("iosxe16_show-license-summary_unregistered-eval.txt");
            Assert.Equal(RegistrationStatus.Unregistered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.EvalMode, s.AuthorizationStatus);
            Assert.False(s.ExportControlled);
            Assert.Equal(new System.TimeSpan(71, 22, 1, 59), s.EvaluationPeriodRemaining);
            Assert.Null(s.SmartAccount);
            License(s.Licenses[0], "C9200L-NW-E-48", "C9200L-NW-E-48", 1, "EVAL MODE");   // no name printed: the tag names it
            License(s.Licenses[1], "C9200L-NW-E-24", "C9200L-NW-E-24", 1, "EVAL MODE");
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void IosXe16ShowLicenseUdiTable()
        {
            var s = Parse("iosxe16_show-license-udi_table.txt");
            Assert.Equal(LicenseCommands.ShowLicenseUdi, s.Command);
            Udi("ASR1006", "NWG1512050G", s.Udi);
            Assert.Equal("IOS-XE", s.Platform);
            Assert.Equal(RegistrationStatus.Unknown, s.RegistrationStatus);   // the UDI says nothing about registration
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void IosXe16RegistrationFailed_Synthetic()
        {
            // _SYNTHETIC: a reconstruction, not a device capture (see its header); the wording is an assumption.
            var s = Parse("iosxe16_show-license-status_registration-failed_SYNTHETIC.txt");
            Assert.Equal(RegistrationStatus.Failed, s.RegistrationStatus);
            Assert.Equal("UNREGISTERED - REGISTRATION FAILED", s.RegistrationStatusText);
            Assert.Equal("Fail to send out Call Home HTTP message.", s.RegistrationFailureReason);
            Assert.Equal(AttemptResult.Failed, s.InitialRegistrationResult);
            Date("Mar 13 08:09:24 2024", s.InitialRegistration);
            Date("Mar 13 08:26:12 2024", s.NextRegistrationAttempt);
            Assert.Equal(AuthorizationStatus.EvalMode, s.AuthorizationStatus);
            Assert.Null(s.AuthorizationFailureReason);
            Assert.False(s.ExportControlled);
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void IosXe16RegistrationInProgress_Synthetic()
        {
            // _SYNTHETIC: the "REGISTERING - REGISTRATION IN PROGRESS" wording is an assumption (see its header).
            var s = Parse("iosxe16_show-license-status_registration-in-progress_SYNTHETIC.txt");
            Assert.Equal(RegistrationStatus.InProgress, s.RegistrationStatus);
            Assert.Equal(AttemptResult.Pending, s.InitialRegistrationResult);   // "First Attempt Pending"
            Assert.Null(s.InitialRegistration);
            Assert.Equal(AuthorizationStatus.EvalMode, s.AuthorizationStatus);
            Assert.Equal(new System.TimeSpan(89, 23, 58, 40), s.EvaluationPeriodRemaining);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void AsaRegisteredWithYearBeforeTime()
        {
            var s = Parse("asa_show-license-all_registered-callhome-dateformat2.txt");
            Assert.Equal(LicenseCommands.ShowLicenseAll, s.Command);
            Assert.Equal("ASA", s.Platform);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);
            Date("Jan 05 12:19:01 2023", s.InitialRegistration);          // printed "Jan 05 2023 12:19:01 UTC"
            Date("Jul 12 09:30:00 2023", s.NextRenewalAttempt);
            Date("Jan 20 14:53:47 2024", s.RegistrationExpires);
            Date("Jan 20 10:59:10 2023", s.AuthorizationStatusSince);
            Date("Jan 23 21:09:10 2023", s.LastCommunicationAttempt);
            Date("Apr 23 14:04:23 2023", s.CommunicationDeadline);
            Assert.Equal("COMPANY LLC", s.SmartAccount);
            Assert.Equal("DEFAULT", s.VirtualAccount);
            Assert.True(s.ExportControlled);                               // "Allowed"
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Udi("ASAv", "9M65GSD2P2V", s.Udi);
            Assert.Empty(s.Licenses);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void AsaRegisteredCallhomeWithLicense()
        {
            var s = Parse("asa_show-license-all_registered-callhome.txt");
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.True(s.ExportControlled);                               // "ALLOWED"
            Date("Feb 29 13:21:17 2024", s.RegistrationExpires);
            Date("May 09 18:22:16 2023", s.CommunicationDeadline);
            var l = Assert.Single(s.Licenses);
            License(l, "ASAv50 Standard - 10G", "ASAv-STD-10G", 1, "AUTHORIZED");
            Assert.Equal("NOT RESTRICTED", l.ExportStatus);
            Udi("ASAv", "9X61HSQEA6Z", s.Udi);
            Assert.Equal("ASA", s.Platform);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void AsaRenewalFailedKeepsBothFailureReasons()
        {
            var s = Parse("asa_show-license-all_registered-renewal-failed.txt");
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AttemptResult.Failed, s.LastRenewalResult);
            Date("Dec 03 18:40:22 2018", s.LastRenewalAttempt);
            Assert.Equal("Communication message send error", s.RegistrationFailureReason);
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);
            Assert.Equal(AttemptResult.Failed, s.LastCommunicationResult);
            Assert.Equal("Communication message send error", s.AuthorizationFailureReason);
            Date("Dec 03 18:40:57 2018", s.NextCommunicationAttempt);
            Assert.Equal("Company LLC", s.VirtualAccount);
            Assert.Equal(TransportType.Unknown, s.TransportType);         // this output has no Transport section
            License(Assert.Single(s.Licenses), "ASAv5 Standard - 100M", "ASAv-STD-100M", 1, "AUTHORIZED");
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void AsaRegistered()
        {
            var s = Parse("asa_show-license-all_registered.txt");
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AttemptResult.Succeeded, s.LastCommunicationResult);   // "SUCCESS on ..."
            Date("Dec 03 16:43:56 2018", s.LastCommunicationAttempt);
            Date("Jun 01 16:43:47 2019", s.NextRenewalAttempt);
            Assert.Null(s.LastRenewalAttempt);                                   // "None"
            Udi("ASAv", "9A6PGB43PJC", s.Udi);
            Assert.Equal("1.6.14_rel/129", s.SmartAgentVersion);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void AsaUnregisteredEval()
        {
            var s = Parse("asa_show-license-all_unregistered-eval.txt");
            Assert.Equal(RegistrationStatus.Unregistered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.EvalMode, s.AuthorizationStatus);
            Assert.False(s.ExportControlled);
            Assert.Equal(new System.TimeSpan(89, 1, 33, 51), s.EvaluationPeriodRemaining);
            var l = Assert.Single(s.Licenses);
            License(l, "ASAv-STD-100M", "ASAv-STD-100M", 1, "EVAL MODE");
            Assert.Null(l.Description);                                            // "Description: " (empty)
            Assert.Equal("ASA", s.Platform);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void NxOs9StatusPartialWithFlattenedIndentation()
        {
            // PARTIAL capture, indentation lost in the page scrape, ends with an empty "Last Renewal Attempt:".
            var s = Parse("nxos9_show-license-status_registered-partial.txt", platform: "NX-OS");
            Assert.Equal(LicenseCommands.ShowLicenseStatus, s.Command);
            Assert.Equal("NX-OS", s.Platform);
            Assert.True(s.SmartLicensingEnabled);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal("ldap_user_test", s.SmartAccount);
            Assert.Equal("Default", s.VirtualAccount);
            Assert.True(s.ExportControlled);
            Date("Jun 22 16:15:41 2022", s.InitialRegistration);
            Assert.Null(s.LastRenewalAttempt);
            Assert.Equal(AuthorizationStatus.Unknown, s.AuthorizationStatus);     // cut off before the authorization section
            Assert.Contains("may be truncated", Assert.Single(s.Warnings));
            // Nothing in the text names the platform: without the hint it stays unknown rather than guessed.
            Assert.Null(Parse("nxos9_show-license-status_registered-partial.txt").Platform);
        }

        [Fact]
        public void NxOsSummaryBeforeSlpPartial()
        {
            var s = Parse("nxos_show-license-summary_registered-before-slp-partial.txt");
            Assert.Equal(LicenseCommands.ShowLicenseSummary, s.Command);         // from "Device# show license summary "
            Assert.Equal("NX-OS", s.Platform);                                   // "Smart License Conversion:" is NX-OS wording
            Assert.Equal(LicensingMode.SmartLicensing, s.Mode);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);
            Date("Jul 16 14:26:01 2021", s.AuthorizationStatusSince);
            Date("Oct 14 14:20:59 2021", s.CommunicationDeadline);
            Assert.Equal("BU Production Test 1", s.SmartAccount);
            Assert.Equal("N9K_SA_49_Testing", s.VirtualAccount);
            Assert.Empty(s.Licenses);                                            // the excerpt ends at "License Usage:"
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void NxOsTraditionalUsageTable()
        {
            var s = Parse("nxos_show-license-usage_traditional.txt");
            Assert.Equal(LicenseCommands.ShowLicenseUsage, s.Command);
            Assert.Equal("NX-OS", s.Platform);
            Assert.Equal(11, s.Licenses.Count);
            var lan = s.Licenses.Single(l => l.Name == "LAN_ENTERPRISE_SERVICES_PKG");
            Assert.Equal("In use", lan.Status);
            Assert.Equal("Installed", lan.LicenseType);
            Assert.Null(lan.Count);                                               // "-"
            var vdc = s.Licenses.Single(l => l.Name == "VDC_LICENSES");
            Assert.Equal(0, vdc.Count);
            Assert.Equal("Unused", vdc.Status);
            Assert.Equal("Not installed", vdc.LicenseType);
            Assert.Equal(LicensingMode.Unknown, s.Mode);                          // traditional licensing: neither SL nor SLP
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void NxOs9RegisterAccepted()
        {
            var s = Parse("nxos9_license-smart-register-idtoken_accepted.txt");
            Assert.Equal(LicenseCommands.LicenseSmartRegister, s.Command);
            Assert.Equal(RegistrationStatus.InProgress, s.RegistrationStatus);
            Assert.Equal("NX-OS", s.Platform);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void IosXe16RegisterAccepted()
        {
            var s = Parse("iosxe16_license-smart-register-idtoken_accepted.txt");
            Assert.Equal(LicenseCommands.LicenseSmartRegister, s.Command);
            Assert.Equal(RegistrationStatus.InProgress, s.RegistrationStatus);
            Assert.Equal("IOS-XE", s.Platform);
        }

        [Fact]
        public void NxOs9CallhomeConfiguration()
        {
            var s = Parse("nxos9_show-running-config-callhome_cssm.txt");
            Assert.Equal(LicenseCommands.ShowRunningConfigCallhome, s.Command);
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Assert.Equal("https://tools.cisco.com/its/service/oddce/services/DDCEService", s.TransportUrl);
            Assert.Equal("NX-OS", s.Platform);
        }

        [Fact]
        public void IosXe16ShowCallHomeSmartLicensing()
        {
            var s = Parse("iosxe16_show-call-home-smart-licensing_callhome.txt");
            Assert.Equal(LicenseCommands.ShowCallHomeSmartLicensing, s.Command);
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Assert.Equal("https://tools.cisco.com/its/service/oddce/services/DDCEService", s.TransportUrl);
        }
    }
}
