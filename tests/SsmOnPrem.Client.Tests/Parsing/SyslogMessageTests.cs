using System.Linq;
using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests.Parsing
{
    public class SyslogMessageTests
    {
        [Fact]
        public void BareMessageWithoutTimestamp()
        {
            Assert.True(SyslogMessage.TryParse("%SMART_LIC-3-AGENT_REG_FAILED: Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) failed: Fail to send out Call Home HTTP message.", out var m));
            Assert.Equal("SMART_LIC", m.Facility);
            Assert.Equal(3, m.Severity);
            Assert.Equal("AGENT_REG_FAILED", m.Mnemonic);
            Assert.Equal("Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) failed: Fail to send out Call Home HTTP message.", m.Text);
            Assert.Equal("", m.Prefix);
            Assert.Equal("", m.Header);
            Assert.True(m.IsSmartLicensing);
        }

        [Theory]
        [InlineData("*Mar 13 08:09:24.123: %SMART_LIC-6-AGENT_REG_SUCCESS: done", "", "*Mar 13 08:09:24.123:")]
        [InlineData("000045: *Mar 13 08:09:24.123 UTC: %SMART_LIC-6-AGENT_REG_SUCCESS: done", "", "000045: *Mar 13 08:09:24.123 UTC:")]
        [InlineData("Mar 31 17:29:43.447 CST: %SMART_LIC-6-AGENT_REG_SUCCESS: done", "", "Mar 31 17:29:43.447 CST:")]
        [InlineData("Router#*Mar 13 08:09:24.123: %SMART_LIC-6-AGENT_REG_SUCCESS: done", "Router#", "*Mar 13 08:09:24.123:")]
        [InlineData("Router# *Mar 13 08:09:24.123: %SMART_LIC-6-AGENT_REG_SUCCESS: done", "Router# ", "*Mar 13 08:09:24.123:")]
        [InlineData(" --More-- *Mar 13 08:09:24.123: %SMART_LIC-6-AGENT_REG_SUCCESS: done", " --More-- ", "*Mar 13 08:09:24.123:")]
        [InlineData(" --More-- %SMART_LIC-6-AGENT_REG_SUCCESS: done", " --More-- ", "")]
        [InlineData("Proceed with reload?  [confirm]%SMART_LIC-6-AGENT_REG_SUCCESS:done", "Proceed with reload?  [confirm]", "")]
        [InlineData("RP/0/RP0/CPU0:ios#RP/0/RP0/CPU0:Jul  3 18:43:44.601 UTC: smartlicserver[392]: %SMART_LIC-6-AGENT_REG_SUCCESS : done", "RP/0/RP0/CPU0:ios#", "RP/0/RP0/CPU0:Jul  3 18:43:44.601 UTC: smartlicserver[392]:")]
        [InlineData("2024 Mar 13 08:09:24 switch %SMART_LIC-6-AGENT_REG_SUCCESS: done", "", "2024 Mar 13 08:09:24 switch")]
        [InlineData("switch# 2024 Mar 13 08:09:24 switch %$ VDC-1 %$ %SMART_LIC-6-AGENT_REG_SUCCESS: done", "switch# ", "2024 Mar 13 08:09:24 switch %$ VDC-1 %$")]
        public void PrefixHeaderAndMessageAreToldApart(string line, string prefix, string header)
        {
            Assert.True(SyslogMessage.TryParse(line, out var m));
            Assert.Equal(prefix, m.Prefix);
            Assert.Equal(header, m.Header);
            Assert.Equal("AGENT_REG_SUCCESS", m.Mnemonic);
            Assert.Equal(6, m.Severity);
            Assert.Equal("done", m.Text);
        }

        [Fact]
        public void IosXrGroupPrefixAndSpaceBeforeColon()
        {
            var line = "RP/0/RP1/CPU0:Nov 18 08:48:39.714 UTC: smartlicserver[392]: %LICENSE-SMART_LIC-6-AGENT_READY : Smart Agent for Licensing is initialized";
            Assert.True(SyslogMessage.TryParse(line, out var m));
            Assert.Equal("LICENSE-SMART_LIC", m.Facility);
            Assert.Equal("AGENT_READY", m.Mnemonic);
            Assert.Equal("Smart Agent for Licensing is initialized", m.Text);
            Assert.Equal("", m.Prefix);
            Assert.True(m.IsSmartLicensing);
        }

        [Theory]
        [InlineData("% Invalid input detected at '^' marker.")]
        [InlineData("  Registration Status: REGISTERED")]
        [InlineData("https://10.0.0.1/cslu/v1/pi/My%20VA-1")]
        [InlineData("CPU utilization 50%")]
        [InlineData("%SMART_LIC-X-FOO: no severity")]
        [InlineData("%SMART_LIC-3-FOO no colon")]
        [InlineData("")]
        public void OrdinaryOutputIsNotSyslog(string line)
        {
            Assert.False(SyslogMessage.TryParse(line, out _));
        }

        [Fact]
        public void SeparateKeepsPromptsAndTerminatorsAndDropsMessageOnlyLines()
        {
            var text = "Router#show license status\r\nSmart Licensing is ENABLED\r\n*Mar 13 08:09:24.123: %SMART_LIC-6-AGENT_ENABLED: Smart Agent for Licensing is enabled\r\n  Status: REGISTERED\r\nRouter#*Mar 13 08:09:25.000: %SMART_LIC-5-COMM_RESTORED: Communications restored\r\nRouter#";
            var (clean, messages) = SyslogMessage.Separate(text);
            Assert.Equal("Router#show license status\r\nSmart Licensing is ENABLED\r\n  Status: REGISTERED\r\nRouter#\r\nRouter#", clean);
            Assert.Equal(new[] { "AGENT_ENABLED", "COMM_RESTORED" }, messages.Select(m => m.Mnemonic));
        }

        [Fact]
        public void SeparateOnIosXrCaptureGluedToConfirm()
        {
            var (clean, messages) = SyslogMessage.Separate(FixtureText.Read("iosxr_syslog_smart-lic-failures-glued-to-prompt.txt"));
            Assert.Equal(2, messages.Count);
            Assert.Equal("COMM_FAILED", messages[0].Mnemonic);
            Assert.Equal("Proceed with reload?  [confirm]", messages[0].Prefix);
            Assert.StartsWith("Communications failure with the Cisco Smart Software Manager (CSSM) : The action failed", messages[0].Text);
            Assert.Equal("AUTH_RENEW_FAILED", messages[1].Mnemonic);
            Assert.EndsWith("udi PID:NCS-55A2-MOD-S,SN:FOC2311R1HE", messages[1].Text);
            Assert.Contains("Proceed with reload?  [confirm]\n", clean);
            Assert.DoesNotContain("%SMART_LIC", clean);
        }

        [Fact]
        public void SeparateOnPagedOutputKeepsTheResumedOutputLine()
        {
            var (clean, messages) = SyslogMessage.Separate(FixtureText.Read("iosxe_syslog-interleaved-in-paged-output.txt"));
            var m = Assert.Single(messages);
            Assert.Equal("REPORTING_REQUIRED", m.Mnemonic);
            Assert.Equal("Mar 31 17:29:43.447 CST:", m.Header);
            Assert.Equal("A Usage report acknowledgement will be required in", m.Text);
            Assert.Equal("    Layer 1 Status:", m.Continuation);
            Assert.Contains(" --More-- \n    Layer 1 Status:\n        DEACTIVATED\n", clean);
        }

        [Fact]
        public void SeparateOnBootLogFindsEveryMessage()
        {
            var (clean, messages) = SyslogMessage.Separate(FixtureText.Read("iosxe16_console-boot_smart-agent.txt"));
            Assert.Equal(7, messages.Count);
            Assert.Equal("IOSD_INFRA", messages[1].Facility);
            Assert.All(messages, m => Assert.StartsWith("*Oct 22 16:06:0", m.Header));
            Assert.StartsWith("# source:", clean);
            Assert.Single(clean.Split('\n'), l => l.Length > 0);
        }

        [Fact]
        public void SeparateHandlesCarriageReturnOnlyLinesAndKeepsTextWithoutMessagesUntouched()
        {
            var text = "Status: REGISTERED\r%SMART_LIC-5-EVAL_START: Entering evaluation period\rRouter#";
            var (clean, messages) = SyslogMessage.Separate(text);
            Assert.Equal("Status: REGISTERED\rRouter#", clean);
            Assert.Equal("EVAL_START", Assert.Single(messages).Mnemonic);

            var plain = "  Status: REGISTERED\r\n  Load for five secs: 1%/0%; one minute: 0%\r\n";
            var (same, none) = SyslogMessage.Separate(plain);
            Assert.Same(plain, same);
            Assert.Empty(none);
        }

        [Fact]
        public void SeparateIsLinearOnAHugeLine()
        {
            var line = new string('%', 200_000) + string.Concat(Enumerable.Repeat("%A-1-", 100_000)) + new string(' ', 200_000);
            var (clean, messages) = SyslogMessage.Separate(line + "\n" + line);
            Assert.Empty(messages);
            Assert.Equal(line.Length * 2 + 1, clean.Length);
        }
    }
}
