using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    /// <summary>The session logic against an in-memory CLI (the lab tests repeat the important cases over real SSH).</summary>
    public class SessionLogicTests
    {
        private static DeviceConnectionOptions Options(string secret = "s3cret!", bool paging = true, string transcript = null) => new DeviceConnectionOptions
        {
            ComputerName = "fake",
            Credential = new NetworkCredential("admin", "loginPass1"),
            EnableCredential = secret == null ? null : new NetworkCredential("", secret),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = TimeSpan.FromSeconds(2),
            RecoveryTimeout = TimeSpan.FromSeconds(1),
            DisablePaging = paging,
            TranscriptPath = transcript,
        };

        private static DeviceSession Open(FakeCiscoShell shell, DeviceConnectionOptions options = null) =>
            DeviceSession.OpenOver(shell, options ?? Options());

        [Fact]
        public void Finds_the_prompt_behind_a_banner_enables_disables_paging_and_identifies()
        {
            var shell = new FakeCiscoShell();
            using (var s = Open(shell))
            {
                Assert.Equal("edge1#", s.Prompt);
                Assert.True(s.IsPrivileged);
                Assert.Equal(DevicePlatform.IosXe, s.Platform);
                Assert.Equal("17.03.04a", s.Release);
                Assert.Equal(LicensingMode.SmartLicensingUsingPolicy, s.LicensingMode);
                Assert.Equal("FOC1234X0AB", s.Identity.SerialNumber);
                Assert.Equal(new[] { "", "enable", "terminal length 0", "terminal width 511", "show version" }, shell.Received.ToArray());
            }
        }

        [Fact]
        public void Wrong_enable_secret_is_detected()
        {
            var ex = Assert.Throws<DeviceException>(() => Open(new FakeCiscoShell(), Options("wrong-secret")));
            Assert.Equal("EnableSecretRejected", ex.ErrorId);
            Assert.DoesNotContain("wrong-secret", ex.Message + ex.DeviceOutput);
        }

        [Fact]
        public void Without_a_secret_the_session_stays_in_user_exec_and_refuses_configuration()
        {
            using (var s = Open(new FakeCiscoShell(), Options(secret: null)))
            {
                Assert.Equal("edge1>", s.Prompt);
                Assert.Equal("PrivilegedModeRequired", Assert.Throws<DeviceException>(() => s.Configure(new[] { "hostname x" })).ErrorId);
            }
        }

        [Fact]
        public void Answers_more_when_paging_is_on_and_returns_the_whole_output()
        {
            var shell = new FakeCiscoShell();
            using (var s = Open(shell, Options(paging: false)))
            {
                var r = s.Invoke("show long");
                Assert.Equal(Enumerable.Range(1, 60).Select(i => "line " + i), r.Output.Split('\n'));
                Assert.True(r.Pages >= 2);
            }
        }

        [Fact]
        public void Paging_off_means_no_more_prompts()
        {
            using (var s = Open(new FakeCiscoShell()))
            {
                var r = s.Invoke("show long");
                Assert.Equal(60, r.Output.Split('\n').Length);
                Assert.Equal(0, r.Pages);
            }
        }

        [Fact]
        public void Asa_gets_terminal_pager()
        {
            var shell = new FakeCiscoShell { Asa = true, ShowVersion = "Cisco Adaptive Security Appliance Software Version 9.16(3)19\nSerial Number: JAD1\n" };
            using (var s = Open(shell))
            {
                Assert.Equal(DevicePlatform.Asa, s.Platform);
                Assert.Contains("terminal pager 0", shell.Received);
                Assert.Equal(0, shell.TerminalLength);
                Assert.Equal("CliInvalidInput", Assert.Throws<DeviceCliException>(() => s.Invoke("show asa-error")).ErrorId);
            }
        }

        [Theory]
        [InlineData("show bogus", "CliInvalidInput")]
        [InlineData("show incomplete", "CliIncompleteCommand")]
        [InlineData("sh a", "CliAmbiguousCommand")]
        public void Cli_errors_are_typed_and_carry_the_output(string command, string id)
        {
            using (var s = Open(new FakeCiscoShell()))
            {
                var ex = Assert.Throws<DeviceCliException>(() => s.Invoke(command));
                Assert.Equal(id, ex.ErrorId);
                Assert.Equal(command, ex.Command);
                Assert.Contains("%", ex.DeviceOutput);
                // The session is still usable.
                Assert.Contains("IOS XE", s.Invoke("show version").Output);
                Assert.Equal(id, s.Invoke(command, new DeviceCommandOptions { ThrowOnCliError = false }).ErrorId);
            }
        }

        [Fact]
        public void Confirmation_is_answered_only_when_allowed()
        {
            var shell = new FakeCiscoShell();
            using (var s = Open(shell))
            {
                var ex = Assert.Throws<DeviceException>(() => s.Invoke("reload"));
                Assert.Equal("ConfirmationRequired", ex.ErrorId);
                Assert.DoesNotContain("Reloading", ex.DeviceOutput);
                var yes = s.Invoke("reload", new DeviceCommandOptions { AllowConfirmation = true });
                Assert.Contains("Reloading", yes.Output);
                Assert.Equal(new[] { "confirm" }, yes.Answered);
                Assert.Contains("Cleared.", s.Invoke("clear counters", new DeviceCommandOptions { AllowConfirmation = true }).Output);
                Assert.Equal("ConfirmationRequired", Assert.Throws<DeviceException>(() => s.Invoke("clear counters")).ErrorId);
            }
        }

        [Fact]
        public void Syslog_is_separated_from_output_and_kept()
        {
            var shell = new FakeCiscoShell();
            using (var s = Open(shell))
            {
                shell.Outputs["show license status"] = "Smart Licensing is ENABLED\r\n*Mar 13 08:09:24.123: %SMART_LIC-6-AGENT_REG_SUCCESS: Smart Agent for Licensing Registration with the Cisco Smart Software Manager or satellite for udi PID:C9300,SN:FOC1\r\nRegistration:\r\n  Status: REGISTERED\r\n";
                shell.SyslogAfterNextCommand = "*Mar 13 08:09:25.000: %SMART_LIC-6-AUTH_RENEW_SUCCESS: Authorization renewal successful";
                var r = s.Invoke("show license status");
                Assert.Equal("Smart Licensing is ENABLED\nRegistration:\n  Status: REGISTERED", r.Output);
                Assert.Equal(new[] { "AGENT_REG_SUCCESS", "AUTH_RENEW_SUCCESS" }, r.Syslog.Select(m => m.Mnemonic));

                shell.SyslogGluedToPrompt = "*Mar 13 08:10:00.000: %SMART_LIC-3-AGENT_REG_FAILED: Smart Agent for Licensing Registration failed: token expired";
                var glued = s.Invoke("show version");
                Assert.Contains(glued.Syslog, m => m.Mnemonic == "AGENT_REG_FAILED");
                Assert.Equal("edge1#", s.Prompt);
                Assert.Contains("IOS XE", s.Invoke("show version").Output);
            }
        }

        [Theory]
        [InlineData(8, 0)]   // one message (IOS without 'logging synchronous'): "edge1#show lic" / message / "ense status"
        [InlineData(1, 2)]   // "edge1#s" / message / "h" / message / "ow license status" (seen in the bench: two events in a row)
        [InlineData(8, 12)]  // "edge1#show lic" / message / "ense" / message / " status"
        [InlineData(3, 3)]   // both at the same place: "edge1#sho" / message / "" / message / "w license status"
        [InlineData(5, 5)]   // right after a space, which the screen trims: "edge1#show" / message / "" / message / "license status" (seen in the bench)
        [InlineData(5, 13)]  // "edge1#show" / message / "license" / message / " status"
        public void Syslog_printed_in_the_middle_of_the_echo_does_not_hide_the_command(int first, int second)
        {
            var shell = new FakeCiscoShell();
            using (var s = Open(shell))
            {
                shell.Outputs["show license status"] = "Smart Licensing is ENABLED\r\nRegistration:\r\n  Status: REGISTERED\r\n";
                shell.SyslogDuringEcho = "*Nov 29 00:08:12.577: %SMART_LIC-6-AGENT_REG_SUCCESS: Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) for udi PID:C9300-24T,SN:FOC1";
                shell.SyslogDuringEchoAfter = first;
                if (second > 0) shell.SecondSyslogDuringEcho = "*Nov 29 00:08:12.679: %SMART_LIC-6-AUTH_RENEW_SUCCESS: Authorization renewal with the Cisco Smart Software Manager (CSSM) : State changed to Authorized. for udi PID:C9300-24T,SN:FOC1";
                shell.SecondSyslogDuringEchoAfter = second;
                var started = DateTime.UtcNow;
                var r = s.Invoke("show license status", new DeviceCommandOptions { Timeout = TimeSpan.FromSeconds(5) });
                Assert.Equal("Smart Licensing is ENABLED\nRegistration:\n  Status: REGISTERED", r.Output);
                Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "waited for an echo that was split by the messages");
                Assert.Equal("edge1#", s.Prompt);
            }
        }

        [Fact]
        public void Configuration_mode_is_entered_and_left()
        {
            var shell = new FakeCiscoShell();
            using (var s = Open(shell))
            {
                var results = s.Configure(new[] { "license smart transport cslu", "license smart url cslu https://op.example/cslu/v1/pi/LVA-1" });
                Assert.Equal(new[] { "license smart transport cslu", "license smart url cslu https://op.example/cslu/v1/pi/LVA-1" }, shell.Committed.ToArray());
                Assert.Equal("edge1#", s.Prompt);
                Assert.True(results[1].Configuration);
                Assert.Equal("CliInvalidInput", Assert.Throws<DeviceCliException>(() => s.Configure(new[] { "bogus line", "never sent" })).ErrorId);
                Assert.DoesNotContain("never sent", shell.Received);
                Assert.Equal("edge1#", s.Prompt);
            }
        }

        [Fact]
        public void IosXr_configuration_is_committed_and_aborted_on_error()
        {
            var shell = new FakeCiscoShell { IosXr = true, ShowVersion = "Cisco IOS XR Software, Version 7.2.2\n" };
            using (var s = Open(shell))
            {
                Assert.Equal("RP/0/RSP0/CPU0:edge1#", s.Prompt);
                Assert.Equal("edge1", s.Hostname);
                s.Configure(new[] { "call-home", "profile CiscoTAC-1" });
                Assert.Equal(new[] { "call-home", "profile CiscoTAC-1" }, shell.Committed.ToArray());
                Assert.Contains("commit", shell.Received);

                Assert.Throws<DeviceCliException>(() => s.Configure(new[] { "logging host 10.0.0.1", "bogus" }));
                Assert.Contains("abort", shell.Received);
                Assert.DoesNotContain("logging host 10.0.0.1", shell.Committed);
                Assert.Empty(shell.Candidate);
            }
        }

        [Fact]
        public void A_hostname_change_is_followed()
        {
            var shell = new FakeCiscoShell();
            using (var s = Open(shell))
            {
                s.Configure(new[] { "hostname edge2" });
                Assert.Equal("edge2#", s.Prompt);
                Assert.Contains("IOS XE", s.Invoke("show version").Output);
            }
        }

        [Fact]
        public void A_hung_command_times_out_and_the_prompt_is_recovered()
        {
            var shell = new FakeCiscoShell { HangOn = true };
            using (var s = Open(shell))
            {
                var clock = Stopwatch.StartNew();
                var ex = Assert.Throws<DeviceException>(() => s.Invoke("hang", new DeviceCommandOptions { Timeout = TimeSpan.FromMilliseconds(300) }));
                Assert.Equal("DeviceCommandTimeout", ex.ErrorId);
                Assert.Equal(DeviceSessionState.Open, s.State);
                Assert.Contains("IOS XE", s.Invoke("show version").Output);
            }
        }

        [Fact]
        public void A_hung_command_that_ignores_interrupts_closes_the_session()
        {
            var shell = new FakeCiscoShell { HangOn = true, IgnoreInterrupt = true };
            var s = Open(shell);
            var ex = Assert.Throws<DeviceException>(() => s.Invoke("hang", new DeviceCommandOptions { Timeout = TimeSpan.FromMilliseconds(300) }));
            Assert.Equal("DeviceCommandTimeout", ex.ErrorId);
            Assert.Contains("closed", ex.Message);
            Assert.Equal(DeviceSessionState.Broken, s.State);
            Assert.True(shell.Closed);
            Assert.Equal("DeviceSessionClosed", Assert.Throws<DeviceException>(() => s.Invoke("show version")).ErrorId);
        }

        [Fact]
        public void Cancellation_stops_a_command_and_closes_the_session()
        {
            var shell = new FakeCiscoShell { HangOn = true, IgnoreInterrupt = true };
            var s = Open(shell);
            using (var cts = new CancellationTokenSource(200))
            {
                Assert.ThrowsAny<OperationCanceledException>(() => s.Invoke("hang", new DeviceCommandOptions { Timeout = TimeSpan.FromSeconds(30) }, cts.Token));
            }
            Assert.Equal(DeviceSessionState.Broken, s.State);
        }

        [Fact]
        public void Unsafe_lines_are_refused_before_anything_is_sent()
        {
            var shell = new FakeCiscoShell();
            using (var s = Open(shell))
            {
                var before = shell.Received.Count;
                Assert.Throws<UnsafeCliArgumentException>(() => s.Invoke("show version\nreload"));
                Assert.Throws<UnsafeCliArgumentException>(() => s.Configure(new[] { "hostname ok", "hostname x\rreload" }));
                Assert.Equal(before, shell.Received.Count);
            }
        }

        [Fact]
        public void Secrets_are_masked_in_the_transcript_results_and_errors()
        {
            var transcript = Path.Combine(Path.GetTempPath(), "ssm-tr-" + Guid.NewGuid() + ".log");
            try
            {
                var shell = new FakeCiscoShell { ChunkSize = 3 };
                const string token = "VGhpc0lzQVNlY3JldFRva2VuMTIzNDU2Nzg5MA==";
                using (var s = Open(shell, Options(transcript: transcript)))
                {
                    var ex = Assert.Throws<DeviceCliException>(() =>
                        s.Invoke("license smart register idtoken " + token, new DeviceCommandOptions { Secrets = new[] { token } }));
                    Assert.DoesNotContain(token, ex.Message + ex.Command + ex.DeviceOutput);
                }
                var text = File.ReadAllText(transcript);
                Assert.Contains("license smart register idtoken ********", text);
                Assert.DoesNotContain(token, text);
                Assert.DoesNotContain("s3cret!", text);
                Assert.DoesNotContain("loginPass1", text);
                Assert.Contains(">> ********", text); // the enable secret was sent, masked
            }
            finally { File.Delete(transcript); }
        }
    }
}
