using System.Linq;
using SsmOnPrem.Client.Parsing;
using SsmOnPrem.Client.Workflows;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    /// <summary>The workflow's pure logic: ping summaries, idempotent transport comparison, reasons from syslog and status text.</summary>
    public class WorkflowLogicTests
    {
        [Fact]
        public void Parses_an_IOS_ping_summary()
        {
            var r = Connectivity.Parse("Type escape sequence to abort.\nSending 5, 100-byte ICMP Echos to 10.1.1.1, timeout is 2 seconds:\n!!.!!\nSuccess rate is 80 percent (4/5), round-trip min/avg/max = 1/2/4 ms\n");
            Assert.True(r.Success);
            Assert.Equal(80, r.SuccessRatePercent);
            Assert.Equal(4, r.Received);
            Assert.Equal(5, r.Sent);
            Assert.Equal(2, r.AverageRttMs);
        }

        [Theory]
        [InlineData("IOS-XE", "ping vrf Mgmt-intf op.example.com source GigabitEthernet0")]
        [InlineData("IOS-XR", "ping vrf Mgmt-intf op.example.com source GigabitEthernet0")]
        [InlineData("NX-OS", "ping op.example.com vrf Mgmt-intf source-interface GigabitEthernet0")]
        [InlineData("ASA", "ping GigabitEthernet0 op.example.com")]
        public void Ping_puts_the_VRF_and_source_where_the_platform_wants_them(string platformName, string expected)
        {
            var platform = SsmOnPrem.Client.Devices.Platforms.PlatformDriver.ForName(platformName);
            Assert.Equal(expected, platform.PingCommand("op.example.com", "Mgmt-intf", "GigabitEthernet0"));
            Assert.Equal("ping op.example.com", platform.PingCommand("op.example.com", null, null));
            Assert.Throws<SsmOnPrem.Client.Devices.UnsafeCliArgumentException>(() => platform.PingCommand("op.example.com", null, "Gi0 ; reload"));
        }

        [Fact]
        public void Mode_names_are_the_ones_results_use()
        {
            Assert.Equal(LicensingMode.SmartLicensing, RegistrationCheck.ParseMode("sl"));
            Assert.Equal(LicensingMode.SmartLicensingUsingPolicy, RegistrationCheck.ParseMode("SLP"));
            Assert.Null(RegistrationCheck.ParseMode("Auto"));
            Assert.Equal("SLP", RegistrationWorkflow.ModeName(RegistrationCheck.ParseMode("SLP").Value));
        }

        [Fact]
        public void Parses_an_NX_OS_ping_summary()
        {
            var r = Connectivity.Parse("PING 10.1.1.1 (10.1.1.1): 56 data bytes\n--- 10.1.1.1 ping statistics ---\n5 packets transmitted, 5 packets received, 0.00% packet loss\nround-trip min/avg/max = 0.300/0.334/0.368 ms\n");
            Assert.True(r.Success);
            Assert.Equal(100, r.SuccessRatePercent);
            Assert.Equal(0.368, r.MaximumRttMs);
        }

        [Fact]
        public void A_failed_ping_is_a_result_with_the_devices_words()
        {
            var r = Connectivity.Parse("Type escape sequence to abort.\nSending 5, 100-byte ICMP Echos to 192.0.2.1, timeout is 2 seconds:\n.....\nSuccess rate is 0 percent (0/5)\n");
            Assert.False(r.Success);
            Assert.Equal("Success rate is 0 percent (0/5)", r.Reason);
            var unknown = Connectivity.Parse("% Unrecognized host or address, or protocol not running.\n");
            Assert.False(unknown.Success);
            Assert.Equal("% Unrecognized host or address, or protocol not running.", unknown.Reason);
        }

        [Fact]
        public void Transport_lines_already_in_the_running_config_are_not_missing()
        {
            const string running = "call-home\n contact-email-addr x@y\n profile \"CiscoTAC-1\"\n  active\n  destination transport-method http\n  destination address http https://op/Transportgateway/services/DeviceRequestHandler\n!\n";
            var lines = new[] { "call-home", "profile CiscoTAC-1", "active", "destination transport-method http", "no destination transport-method email", "destination address http https://op/Transportgateway/services/DeviceRequestHandler" };
            Assert.Empty(TransportConfiguration.Missing(lines, running, null));
            var other = running.Replace("https://op/", "https://other/");
            Assert.Equal(new[] { "destination address http https://op/Transportgateway/services/DeviceRequestHandler" }, TransportConfiguration.Missing(lines, other, null));
            Assert.Equal(new[] { "no destination transport-method email" }, TransportConfiguration.Missing(lines, running + "  destination transport-method email\n", null));
        }

        [Fact]
        public void NX_OS_index_form_and_unprinted_defaults_count_as_present()
        {
            const string nx = "callhome\n  destination-profile CiscoTAC-1 transport-method http\n  destination-profile CiscoTAC-1 index 1 http https://op/x\n  enable\n";
            Assert.Empty(TransportConfiguration.Missing(new[] { "callhome", "destination-profile CiscoTAC-1 transport-method http", "destination-profile CiscoTAC-1 http https://op/x", "enable" }, nx, null));
            var slp = new[] { "license smart transport cslu", "license smart url cslu https://op/cslu/v1/pi/LVA-1" };
            const string running = "license smart url cslu https://op/cslu/v1/pi/LVA-1\n";
            Assert.Empty(TransportConfiguration.Missing(slp, running, new LicenseStatus { TransportType = TransportType.Cslu }));
            Assert.Equal(new[] { "license smart transport cslu" }, TransportConfiguration.Missing(slp, running, new LicenseStatus { TransportType = TransportType.Smart }));
        }

        [Fact]
        public void Reasons_come_from_SMART_LIC_syslog_and_from_Failure_reason_lines()
        {
            Assert.True(SyslogMessage.TryParse("*Nov 28 21:00:00.000: %SMART_LIC-3-AGENT_REG_FAILED: Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) failed: The token is revoked.", out var m));
            Assert.Equal("The token is revoked", LicensePoller.ReasonFrom(m));
            const string raw = "Usage Reporting:\n  Last ACK received: <none>\n  Last communication attempt: FAILED\n    Failure reason: Unknown tenant\n";
            Assert.Equal("Unknown tenant", LicensePoller.FailureReasonUnder(raw, "Usage Reporting"));
            Assert.Null(LicensePoller.FailureReasonUnder(raw, "Trust Code Installed"));
        }

        [Fact]
        public void Results_read_the_same_in_JSON_and_the_journal()
        {
            var r = new RegistrationResult { ComputerName = "sw1", Port = 22, Status = nameof(RegistrationOutcome.Failed), FailureStage = nameof(RegistrationStage.Wait) };
            var json = Newtonsoft.Json.JsonConvert.SerializeObject(r);
            Assert.Contains("\"Status\":\"Failed\"", json);
            Assert.Contains("\"FailureStage\":\"Wait\"", json);
            Assert.False(r.Succeeded);
            Assert.Equal("sw1: Failed at Wait ()", r.ToString());
        }
    }
}
