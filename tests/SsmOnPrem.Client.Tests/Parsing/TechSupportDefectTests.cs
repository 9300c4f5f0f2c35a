using SsmOnPrem.Client.Parsing;
using Xunit;
using static SsmOnPrem.Client.Tests.Parsing.CaptureAssert;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>
    /// Two defects found with real 'show license tech support' outputs from an independent corpus, on trimmed samples
    /// written for these tests (layout as in the IOS-XE 17 captures under tests/fixtures/device-outputs).
    /// </summary>
    public class TechSupportDefectTests
    {
        private const string Body =
            "Smart Licensing Status\n" +
            "======================\n" +
            "\n" +
            "Smart Licensing is ENABLED\n" +
            "\n" +
            "Transport:\n" +
            "  Type: cslu\n" +
            "  Cslu address: https://op.example.com/cslu/v1/pi\n" +
            "\n" +
            "Usage Reporting:\n" +
            "  Last ACK received: Mar 14 08:00:00 2024 UTC\n" +
            "\n" +
            "Upcoming Scheduled Jobs\n" +
            "=======================\n" +
            "Current time: Mar 14 09:00:00 2024 UTC\n" +
            "\n" +
            "Communication Statistics:\n" +
            "=======================\n" +
            "Communication Level Allowed: INDIRECT\n" +
            "\n" +
            "Usage Report Summary:\n" +
            "=====================\n" +
            "Total: 8,  Purged: 0(0)\n" +
            "Total Acknowledged Received: 8,  Waiting for Ack: 0(0)\n" +
            "\n" +
            "Device Telemetry Report Summary:\n" +
            "================================\n" +
            "Data Channel: AVAILABLE\n" +
            "Reports on disk: 0\n" +
            "\n" +
            "Trust Code Installed:\n" +
            "  Active: PID:C9300-24UX,SN:FCW2303D16Y\n" +
            "    INSTALLED on Mar 13 21:32:51 2024 UTC\n" +
            "  Standby: PID:C9300-24UX,SN:FCW2303D16Z\n" +
            "    INSTALLED on Mar 13 21:33:10 2024 UTC\n" +
            "\n" +
            "Other Info\n" +
            "==========\n" +
            "Software ID: regid.2017-05.com.cisco.C9300,v1_727af1d9-6c39-4444-b301-863f81445b72\n" +
            "Agent State: authorized\n" +
            "\n" +
            "Platform Provided Mapping Table\n" +
            "===============================\n" +
            "  C9300-24UX: Total licenses found: 197\n";

        [Fact]
        public void TrustCodeBlockAfterTheTelemetrySummaryIsRead()
        {
            var s = LicenseOutputParser.Parse("Smart Licensing Tech Support info\n\n" + Body);
            Assert.Equal(LicenseCommands.ShowLicenseTechSupport, s.Command);
            Date("Mar 13 21:32:51 2024", s.TrustCodeInstalled);   // the active member's, not dropped with the telemetry chapter
            Date("Mar 14 08:00:00 2024", s.LastAckReceived);
        }

        [Fact]
        public void TechSupportWithoutItsHeaderLineIsStillTechSupport()
        {
            var s = LicenseOutputParser.Parse(Body);
            Assert.Equal(LicenseCommands.ShowLicenseTechSupport, s.Command);
            Date("Mar 13 21:32:51 2024", s.TrustCodeInstalled);
        }

        [Theory]
        [InlineData("Upcoming Scheduled Jobs")]
        [InlineData("License Certificates")]
        [InlineData("HA Info")]
        [InlineData("Other Info")]
        [InlineData("Platform Provided Mapping Table")]
        public void EachTechSupportOnlyChapterBetraysIt(string chapter)
        {
            var all = "Smart Licensing Status\n======================\n\nSmart Licensing is ENABLED\n\n" + chapter + "\n" + new string('=', chapter.Length) + "\nX: 1\n";
            Assert.Equal(LicenseCommands.ShowLicenseTechSupport, LicenseOutputParser.Parse(all).Command);
            Assert.Equal(LicenseCommands.ShowLicenseAll, LicenseOutputParser.Parse("Smart Licensing Status\n======================\n\nSmart Licensing is ENABLED\n").Command);
        }
    }
}
