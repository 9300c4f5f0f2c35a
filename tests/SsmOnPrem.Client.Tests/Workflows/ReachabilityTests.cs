using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Workflows;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    public class ReachabilityTests
    {
        [Theory]
        [InlineData("Trying 172.16.22.252, 80 ... Open\n\n[Connection to 172.16.22.252 closed by foreign host]", TcpCheckOutcome.Open)]
        [InlineData("Trying 172.16.22.252, 21 ... \n% Connection refused by remote host", TcpCheckOutcome.Refused)]
        [InlineData("Trying 10.55.55.55, 443 ... \n% Connection timed out; remote host not responding", TcpCheckOutcome.TimedOut)]
        [InlineData("Translating \"onprem\"...domain server (255.255.255.255)\n% Bad IP address or host name", TcpCheckOutcome.NameNotResolved)]
        [InlineData("% Unknown command or computer name, or unable to find computer address", TcpCheckOutcome.NameNotResolved)]
        [InlineData("something else", TcpCheckOutcome.Unknown)]
        public void ReadsIosTelnetWording(string output, TcpCheckOutcome expected) =>
            Assert.Equal(expected, new IosXeDriver().ReadTcpCheck(output));

        [Theory]
        [InlineData("Trying 10.1.1.1...\nConnected to onprem.\nEscape character is '^]'.\nConnection closed by foreign host.", TcpCheckOutcome.Open)]
        [InlineData("Trying 10.1.1.1...\ntelnet: Unable to connect to remote host: Connection refused", TcpCheckOutcome.Refused)]
        [InlineData("Trying 10.1.1.1...\ntelnet: Unable to connect to remote host: Connection timed out", TcpCheckOutcome.TimedOut)]
        [InlineData("telnet: could not resolve onprem/443: Name or service not known", TcpCheckOutcome.NameNotResolved)]
        public void ReadsNxOsTelnetWording(string output, TcpCheckOutcome expected) =>
            Assert.Equal(expected, new NxOsDriver().ReadTcpCheck(output));

        [Fact]
        public void BuildsEachPlatformsTelnetLineOrSaysWhyItCannot()
        {
            Assert.Equal("telnet onprem.example.com 443 /vrf Mgmt-intf /source-interface GigabitEthernet0/0",
                new IosXeDriver().TcpCheckCommand("onprem.example.com", 443, "Mgmt-intf", "GigabitEthernet0/0"));
            Assert.Equal("telnet onprem.example.com 8443", new IosXeDriver().TcpCheckCommand("onprem.example.com", 8443, null, null));
            Assert.Equal("telnet 10.1.1.1 443 vrf management", new NxOsDriver().TcpCheckCommand("10.1.1.1", 443, "management", "mgmt0"));
            Assert.Null(new IosXeDriver().TcpCheckUnsupportedReason);
            Assert.Null(new IosXrDriver().TcpCheckCommand("h", 443, null, null));
            Assert.Contains("xr-telnet", new IosXrDriver().TcpCheckUnsupportedReason);
            Assert.Null(new AsaDriver().TcpCheckCommand("h", 443, null, null));
            Assert.Contains("ASA", new AsaDriver().TcpCheckUnsupportedReason);
        }

        [Fact]
        public void ReadsNameResolutionFromThePingOfEachPlatform()
        {
            var ok = new IosXeDriver().ReadNameLookup("Type escape sequence to abort.\nSending 5, 100-byte ICMP Echos to 10.1.1.1, timeout is 2 seconds:\n!!!!!");
            Assert.True(ok.Resolved);
            Assert.Equal("10.1.1.1", ok.Address);
            Assert.False(new IosXeDriver().ReadNameLookup("% Unrecognized host or address, or protocol not running.").Resolved);
            Assert.False(new AsaDriver().ReadNameLookup("ERROR: % Invalid Hostname").Resolved);
            var nx = new NxOsDriver().ReadNameLookup("PING onprem (10.2.2.2): 56 data bytes\n64 bytes from 10.2.2.2: icmp_seq=0 ttl=64 time=0.3 ms");
            Assert.Equal("10.2.2.2", nx.Address);
            Assert.False(new NxOsDriver().ReadNameLookup("% Invalid host/interface onprem").Resolved);
            Assert.Null(new IosXeDriver().ReadNameLookup("% Invalid input detected at '^' marker.").Resolved);   // says nothing about names
        }

        [Theory]
        [InlineData(WorkflowErrorIds.NameNotResolved, "x", "name server")]
        [InlineData(WorkflowErrorIds.PortBlocked, "x", "TCP")]
        [InlineData(WorkflowErrorIds.ConnectivityFailed, "x", "-Vrf")]
        [InlineData("RegistrationFailed", "The ID token has expired", "New-SsmToken")]
        [InlineData("RegistrationFailed", "The token has exceeded its maximum number of uses", "New-SsmToken")]
        [InlineData("RegistrationFailed", "Fail to send out Call Home HTTP message.", "server-identity-check")]
        [InlineData("UsageReportFailed", "Communication message send error", "Test-SsmDeviceConnectivity")]
        [InlineData("RegistrationFailed", "Failure reason: certificate is not yet valid, check the clock", "NTP")]
        [InlineData("RegistrationFailed", "Unable to connect through the HTTP proxy", "proxy")]
        [InlineData("RegistrationFailed", "Unable to resolve server hostname/domain name", "name server")]
        public void RecommendsANextStepFromTheFailure(string errorId, string reason, string expected) =>
            Assert.Contains(expected, FailureRecommendation.For(errorId, "Register", reason, "fallback"));

        [Fact]
        public void KeepsTheFailuresOwnAdviceWhenNothingMoreSpecificIsKnown() =>
            Assert.Equal("fallback", FailureRecommendation.For("VerificationFailed", "Verify", "registration status is UNREGISTERED", "fallback"));
    }
}
