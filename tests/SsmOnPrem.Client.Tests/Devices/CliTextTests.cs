using System.Linq;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Cli;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    public class CliArgumentTests
    {
        [Theory]
        [InlineData("show version\nreload")]
        [InlineData("show version\r")]
        [InlineData("show \x1B[2Jversion")]
        [InlineData("show\x03")]
        [InlineData("show ver?")]
        [InlineData("show vérsion")]
        public void Refuses_unsafe_command_lines(string line)
        {
            var ex = Assert.Throws<UnsafeCliArgumentException>(() => CliArgument.CommandLine(line));
            Assert.Equal("UnsafeCliArgument", ex.ErrorId);
        }

        [Fact]
        public void Refuses_overlong_lines() =>
            Assert.Throws<UnsafeCliArgumentException>(() => CliArgument.CommandLine(new string('a', CliArgument.MaxLineLength + 1)));

        [Theory]
        [InlineData("ODRlOTM5MjItOTQzOS00YjY0LWExZTUtZTdmMmY3ZTk5NjUyLTE2MzI4%0AMDk2MTV8VHBQWm1%3D%0A")]
        [InlineData("YmE3ZjE4ZjgtNWEyNi00ZWNkLWJkNTgtMzQ5ZmI3OTk0YjQ5LTE3MDI=")]
        public void Accepts_real_looking_tokens(string token) => Assert.Equal(token, CliArgument.Token(token));

        [Theory]
        [InlineData("abc def ghijkl")]
        [InlineData("abcdefgh\nreload")]
        [InlineData("abcdefgh;reload")]
        [InlineData("short")]
        public void Refuses_bad_tokens_without_echoing_them(string token)
        {
            var ex = Assert.Throws<UnsafeCliArgumentException>(() => CliArgument.Token(token));
            Assert.DoesNotContain(token, ex.Message);
        }

        [Theory]
        [InlineData("https://onprem.example.com/cslu/v1/pi/LVA%20One-1", true)]
        [InlineData("http://10.0.0.5/Transportgateway/services/DeviceRequestHandler", true)]
        [InlineData("https://[fd00::5]:8443/SmartTransport", true)]
        [InlineData("https://onprem.example.com/x y", false)]
        [InlineData("https://onprem.example.com/\"x", false)]
        [InlineData("ftp://onprem.example.com/x", false)]
        [InlineData("onprem.example.com", false)]
        public void Checks_urls(string url, bool ok)
        {
            if (ok) Assert.Equal(url, CliArgument.Url(url));
            else Assert.Throws<UnsafeCliArgumentException>(() => CliArgument.Url(url));
        }

        [Theory]
        [InlineData("onprem.example.com", true)]
        [InlineData("10.1.2.3", true)]
        [InlineData("fd00::1", true)]
        [InlineData("-bad.example.com", false)]
        [InlineData("a b", false)]
        [InlineData("host\r\nreload", false)]
        public void Checks_hostnames(string host, bool ok) => Assert.Equal(ok, CliArgument.IsHostname(host) && !host.Contains('\n'));

        [Theory]
        [InlineData("GigabitEthernet0/0/1", true)]
        [InlineData("MgmtEth0/RP0/CPU0/0", true)]
        [InlineData("mgmt0", true)]
        [InlineData("Port-channel1.100", true)]
        [InlineData("Gi0/1 ; reload", false)]
        [InlineData("0bad", false)]
        public void Checks_interface_names(string name, bool ok)
        {
            if (ok) Assert.Equal(name, CliArgument.InterfaceName(name));
            else Assert.Throws<UnsafeCliArgumentException>(() => CliArgument.InterfaceName(name));
        }
    }

    public class TerminalTextTests
    {
        [Fact]
        public void Strips_ansi_and_applies_backspace_and_carriage_return()
        {
            var t = new TerminalText();
            t.Append("\x1B[?25lline one\x1B[K\r\n");
            t.Append(" --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bline two\r\n");
            t.Append("progress 10%\rprogress 100%\r\n");
            t.Append("\x1B]0;title\x07tail");
            Assert.Equal(new[] { "line one", "line two", "progress 100%" }, t.Lines.ToArray());
            Assert.Equal("tail", t.CurrentLine);
        }

        [Fact]
        public void Handles_sequences_split_across_chunks()
        {
            var t = new TerminalText();
            foreach (var c in "ab\x1B[1;3\r\n".Replace("\r\n", "") + "1mcd\r") t.Append(c.ToString());
            t.Append("\nef");
            Assert.Equal(new[] { "abcd" }, t.Lines.ToArray());
            Assert.Equal("ef", t.CurrentLine);
        }
    }

    public class PromptPatternTests
    {
        [Theory]
        [InlineData("edge1>", "edge1", null, '>', "edge1")]
        [InlineData("edge1#", "edge1", null, '#', "edge1")]
        [InlineData("edge1(config)#", "edge1", "config", '#', "edge1")]
        [InlineData("edge1(config-call-home-profile)#", "edge1", "config-call-home-profile", '#', "edge1")]
        [InlineData("RP/0/RSP0/CPU0:xr-pe1#", "RP/0/RSP0/CPU0:xr-pe1", null, '#', "xr-pe1")]
        [InlineData("RP/0/RP0/CPU0:ios(config)#", "RP/0/RP0/CPU0:ios", "config", '#', "ios")]
        [InlineData("asa-fw1/admin#", "asa-fw1/admin", null, '#', "asa-fw1")]
        [InlineData("nx-core1# ", "nx-core1", null, '#', "nx-core1")]
        public void Parses_cisco_prompts(string line, string basePrompt, string mode, char term, string host)
        {
            var p = PromptPattern.TryParseAny(line);
            Assert.NotNull(p);
            Assert.Equal(basePrompt, p.Base);
            Assert.Equal(mode, p.Mode);
            Assert.Equal(term, p.Terminator);
            Assert.Equal(host, p.Hostname);
        }

        [Theory]
        [InlineData("*** Authorised access only ###")]
        [InlineData("Password:")]
        [InlineData("interface uplink -> core #")]
        [InlineData("")]
        public void Does_not_take_other_lines_for_prompts(string line) => Assert.Null(PromptPattern.TryParseAny(line));

        [Fact]
        public void A_known_prompt_only_matches_its_own_base()
        {
            var known = PromptPattern.ForBase("edge1");
            Assert.NotNull(PromptPattern.TryParse(known, "edge1(config-if)#"));
            Assert.Null(PromptPattern.TryParse(known, "other#"));
        }
    }

    public class CliErrorDetectorTests
    {
        [Theory]
        [InlineData("% Invalid input detected at '^' marker.", "CliInvalidInput")]
        [InlineData("% Invalid command at '^' marker.", "CliInvalidInput")]
        [InlineData("% Incomplete command.", "CliIncompleteCommand")]
        [InlineData("% Ambiguous command:  \"sh a\"", "CliAmbiguousCommand")]
        [InlineData("% Unknown command or computer name, or unable to find computer address", "CliUnknownCommand")]
        [InlineData("ERROR: % Invalid input detected at '^' marker.", "CliInvalidInput")]
        [InlineData("ERROR: Unable to enable smart licensing", "CliError")]
        [InlineData("% Error: registration failed", "CliError")]
        [InlineData("% Failed to commit one or more configuration items during a pseudo-atomic operation.", "CliCommitFailed")]
        public void Names_cli_errors(string line, string id)
        {
            Assert.Equal(id, CliErrorDetector.Detect(new[] { "       ^", line, "" }, out var errorLine));
            Assert.Equal(line, errorLine);
        }

        [Fact]
        public void Ordinary_output_is_not_an_error() =>
            Assert.Null(CliErrorDetector.Detect(new[] { "Smart Licensing is ENABLED", "  Status: REGISTERED", "Utilization: 95%" }, out _));
    }
}
