using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Cli;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Parsing;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    /// <summary>Security round 2 (docs/SECURITY.md): masking by pattern, clean text, bounded output, private files.</summary>
    public class SecurityHardeningTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ssm-sec-" + Guid.NewGuid().ToString("n"));

        public SecurityHardeningTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        }

        // ---- masking list: every secret-bearing configuration line, whatever command printed it ----------------------

        [Theory]
        [InlineData("enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQY", "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQY")]
        [InlineData("enable password 7 0822455D0A16544541", "0822455D0A16544541")]
        [InlineData("username admin privilege 15 secret 9 $9$abcdEFGH$ijklMNOP", "$9$abcdEFGH$ijklMNOP")]
        [InlineData("username netops password 0 PlainPass123", "PlainPass123")]
        [InlineData("snmp-server community Publ1cRO RO", "Publ1cRO")]
        [InlineData("snmp-server community Pr1vRW group network-operator", "Pr1vRW")]
        [InlineData("snmp-server user monitor SNMPGRP v3 auth sha AuthKey123 priv aes 128 PrivKey456", "AuthKey123")]
        [InlineData("snmp-server user monitor SNMPGRP v3 auth sha AuthKey123 priv aes 128 PrivKey456", "PrivKey456")]
        [InlineData("snmp-server user admin network-admin auth md5 0x9f1c2be4a7d3 priv 0xab12cd34 localizedkey", "0x9f1c2be4a7d3")]
        [InlineData("snmp-server host 10.0.0.9 version 2c TrapComm42", "TrapComm42")]
        [InlineData("tacacs-server key 7 0822455D0A16", "0822455D0A16")]
        [InlineData("tacacs-server host 10.1.1.1 key S3cretTacKey", "S3cretTacKey")]
        [InlineData("radius-server key 7 110A1016141D", "110A1016141D")]
        [InlineData(" key 7 045802150C2E1D1C5A", "045802150C2E1D1C5A")]
        [InlineData(" server-private 10.2.2.2 key 7 13061E010803", "13061E010803")]
        [InlineData("crypto isakmp key Vpn-PSK-99 address 192.0.2.1", "Vpn-PSK-99")]
        [InlineData(" pre-shared-key address 0.0.0.0 0.0.0.0 key IkePsk77", "IkePsk77")]
        [InlineData(" ip ospf message-digest-key 1 md5 7 06070E204D", "06070E204D")]
        [InlineData(" ip ospf authentication-key 7 094F471A1A0A", "094F471A1A0A")]
        [InlineData(" neighbor 192.0.2.7 password 7 02050D480809", "02050D480809")]
        [InlineData(" key-string 7 0508571C22431F", "0508571C22431F")]
        [InlineData(" secret 10 $6$Xq1w$hashhashhash", "$6$Xq1w$hashhashhash")]
        [InlineData("username netops password Sha512Hash== pbkdf2 privilege 15", "Sha512Hash==")]
        [InlineData("edge1#license smart register idtoken T0kenValue123 force", "T0kenValue123")]
        public void Masks_every_secret_bearing_configuration_line(string line, string secret)
        {
            var masked = ConfigSecrets.Mask("hostname edge1\r\n" + line + "\r\ninterface Gi1/0/1\r\n");
            Assert.DoesNotContain(secret, masked);
            Assert.Contains(SecretMasker.Mask, masked);
            Assert.Contains("hostname edge1\r\n", masked);
            Assert.EndsWith("\r\ninterface Gi1/0/1\r\n", masked);
        }

        [Theory]
        [InlineData("Smart Licensing is ENABLED")]
        [InlineData("    Password: <empty>")]
        [InlineData("call-home\n profile \"CiscoTAC-1\"\n  destination address http https://onprem/Transportgateway/services/DeviceRequestHandler")]
        [InlineData("license smart url cslu https://onprem/cslu/v1/pi/LVA-1")]
        [InlineData("crypto key generate rsa modulus 2048")]
        [InlineData("Last configuration change by netops")]
        public void Leaves_lines_without_a_secret_alone(string text) => Assert.Equal(text, ConfigSecrets.Mask(text));

        [Theory]
        [InlineData("tacacs-server key 7 0822455D0A16", "0822455D0A16")]
        [InlineData("key 7 045802150C2E", "045802150C2E")]
        [InlineData("crypto isakmp key Vpn-PSK-99 address 192.0.2.1", "Vpn-PSK-99")]
        [InlineData("snmp-server user mon GRP v3 auth sha AuthKey123 priv aes 128 PrivKey456", "AuthKey123,PrivKey456")]
        [InlineData("snmp-server community Publ1cRO RO", "Publ1cRO")]
        [InlineData("username u privilege 15 secret 0 Plain-Pass", "Plain-Pass")]
        [InlineData("license smart register idtoken T0kenValue123 force", "T0kenValue123")]
        public void Typed_commands_give_up_their_secrets_before_they_are_sent(string command, string secrets)
        {
            var expected = secrets.Split(',');
            Assert.Equal(expected.OrderBy(s => s), CommandSecrets.In(command).OrderBy(s => s));
            var masked = CommandSecrets.Mask(command);
            foreach (var s in expected) Assert.DoesNotContain(s, masked);
        }

        [Fact]
        public void A_typed_command_without_a_secret_gives_up_nothing() =>
            Assert.Empty(CommandSecrets.In("crypto key generate rsa modulus 2048"));

        // ---- clean text: C1 controls and escape sequences never reach the console ------------------------------------

        [Theory]
        [InlineData("ok\u001B[2J\u001B[31mred\u001B[0m", "okred")]
        [InlineData("title\u001B]0;pwned\u0007done", "titledone")]
        [InlineData("csi8\u009B" + "2Jbit", "csi8bit")]
        [InlineData("osc8\u009D" + "0;x\u009Cbit", "osc8bit")]
        [InlineData("c1\u0085\u008D\u0091end", "c1end")]
        [InlineData("bell\u0007nul\0del\u007F", "bellnuldel")]
        [InlineData("keeps\ttabs\r\nand lines", "keeps\ttabs\r\nand lines")]
        [InlineData("Ünïcödé ✓", "Ünïcödé ✓")]
        public void Strips_controls_and_escape_sequences(string raw, string clean) => Assert.Equal(clean, ConsoleText.Clean(raw));

        [Fact]
        public void Errors_never_carry_controls()
        {
            var ex = new SsmOnPremException("X", SsmErrorKind.InvalidData, "server said \u001B]0;evil\u0007\u009B" + "2Jhello", "do \u0085this");
            Assert.Equal("server said hello", ex.Message);
            Assert.Equal("do this", ex.RecommendedAction);
        }

        [Fact]
        public void The_screen_drops_c1_controls_and_8_bit_sequences()
        {
            var screen = new TerminalText();
            screen.Append("a\u009B" + "1;2Hb\u009D" + "0;t\u009C" + "c\u0085\u0090" + "q\u009C" + "d\r\n");
            Assert.Equal("abcd", screen.Lines[0]);
        }

        // ---- bounded device I/O -------------------------------------------------------------------------------------

        private static DeviceConnectionOptions Options(string transcript = null, Action<string> warning = null) => new DeviceConnectionOptions
        {
            ComputerName = "fake",
            Credential = new NetworkCredential("admin", "loginPass1"),
            EnableCredential = new NetworkCredential("", "s3cret!"),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            CommandTimeout = TimeSpan.FromSeconds(20),
            RecoveryTimeout = TimeSpan.FromSeconds(1),
            TranscriptPath = transcript,
            Warning = warning,
        };

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_flood_ends_the_command_with_DeviceOutputTooLarge_and_closes_the_session(bool noNewline)
        {
            var shell = new FakeCiscoShell { ChunkSize = 16384 };
            var flood = noNewline ? new string('x', 3 * 1024 * 1024) : string.Concat(Enumerable.Repeat("flood " + new string('=', 72) + "\r\n", 40000));
            shell.Outputs["show flood"] = flood;
            var s = DeviceSession.OpenOver(shell, Options());
            var clock = Stopwatch.StartNew();
            var ex = Assert.Throws<DeviceException>(() => s.Invoke("show flood"));
            Assert.Equal(DeviceErrorIds.OutputTooLarge, ex.ErrorId);
            Assert.Contains(noNewline ? "line longer than" : "more than", ex.Message);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
            Assert.Equal(DeviceSessionState.Broken, s.State);
        }

        [Fact]
        public void A_long_line_of_dashes_is_not_a_quadratic_more_test()
        {
            // 60,000 dashes: under the line cap; the old '--More--' regex took seconds per chunk on such a line.
            var shell = new FakeCiscoShell { ChunkSize = 512 };
            shell.Outputs["show dashes"] = new string('-', 60000) + "\r\nend\r\n";
            using (var s = DeviceSession.OpenOver(shell, Options()))
            {
                var clock = Stopwatch.StartNew();
                var r = s.Invoke("show dashes");
                Assert.EndsWith("end", r.Output);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
            }
        }

        [Fact]
        public void Cancellation_stops_a_flood()
        {
            // Small pieces: the ~1 MB flood (just under the output cap, so uncancelled it would end normally) takes far
            // longer to arrive than the 10 ms before the cancellation. The exception type is the proof; the clock only
            // guards against a hang (CI machines are shared: a 1 s bound failed once at 1.06 s under load).
            var shell = new FakeCiscoShell { ChunkSize = 32 };
            shell.Outputs["show flood"] = string.Concat(Enumerable.Repeat("x" + new string('=', 70) + "\r\n", 14000));
            var s = DeviceSession.OpenOver(shell, Options());
            s.Invoke("show version"); // warm up (JIT) so the clock below measures the stop only
            using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(10)))
            {
                var clock = Stopwatch.StartNew();
                Assert.ThrowsAny<OperationCanceledException>(() => s.Invoke("show flood", null, cts.Token));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
            }
        }

        [Fact]
        public void Version_parsing_is_linear_on_a_hostile_line()
        {
            var hostile = string.Concat(Enumerable.Repeat("Cisco IOS Software ", 8000)) + "\n"; // ~150 KB on one line
            var clock = Stopwatch.StartNew();
            var identity = PlatformDriver.For(DevicePlatform.IosXe).ReadIdentity(hostile + "Cisco IOS XE Software, Version 17.09.04a\n", "edge1");
            Assert.Equal("17.09.04a", identity.Release);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        }

        // ---- transport planning reads only what it needs ------------------------------------------------------------

        [Theory]
        [InlineData(DevicePlatform.IosXe, "show running-config | section call-home")]
        [InlineData(DevicePlatform.NxOs, "show running-config callhome")]
        [InlineData(DevicePlatform.IosXr, "show running-config call-home")]
        [InlineData(DevicePlatform.Asa, "show running-config call-home")]
        public void Transport_planning_reads_only_the_call_home_section(DevicePlatform platform, string read)
        {
            var profile = PlatformDriver.For(platform);
            var lines = profile.LicensingCommandsFor(LicensingMode.SmartLicensing).Transport(DeviceTransportKind.CallHome, "https://onprem/Transportgateway/services/DeviceRequestHandler");
            Assert.Equal(new[] { read }, profile.RunningConfigReads(lines));
        }

        [Fact]
        public void Transport_planning_reads_top_level_license_lines_with_include()
        {
            var profile = PlatformDriver.For(DevicePlatform.IosXe);
            var lines = new[] { "ip http client source-interface Gi0/0", "license smart transport cslu", "license smart url cslu https://onprem/cslu/v1/pi/LVA-1" };
            Assert.Equal(new[] { "show running-config | include ^license|^ip http client" }, profile.RunningConfigReads(lines));
        }

        // ---- private files and one transcript for a fleet -----------------------------------------------------------

        // stat/chmod as processes: the same on .NET and on Mono (net472), which has no Unix mode API.
        private static int ModeOf(string path) => Convert.ToInt32(Run("stat", "-c %a \"" + path + "\"").Trim(), 8);

        private static string Run(string file, string arguments)
        {
            using (var p = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false }))
            {
                var output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                return output;
            }
        }

        [Fact]
        public void New_journals_are_private()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            var path = Path.Combine(_dir, "run.jsonl");
            using (ResultJournal.Open(path)) { }
            Assert.Equal(0x180, ModeOf(path) & 0x1FF);
        }

        [Fact]
        public void An_existing_shared_file_is_reported_once_and_left_as_it_is()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            var path = Path.Combine(_dir, "shared.jsonl");
            File.WriteAllText(path, "");
            Run("chmod", "644 \"" + path + "\"");
            if (PrivateFile.UnixMode(path) == null) return; // Mono: no way to read a mode in-process, so no warning to test
            var warnings = new List<string>();
            using (ResultJournal.Open(path, warnings.Add)) { }
            using (ResultJournal.Open(path, warnings.Add)) { }
            var warning = Assert.Single(warnings);
            Assert.Contains("mode 644", warning);
            Assert.Contains("chmod 600", warning);
            Assert.Equal(0x1A4, ModeOf(path) & 0x1FF);
        }

        [Fact]
        public void One_transcript_serves_a_fleet_private_prefixed_and_without_configuration_secrets()
        {
            var path = Path.Combine(_dir, "fleet.log");
            var a = new FakeCiscoShell { Hostname = "edge1" };
            var b = new FakeCiscoShell { Hostname = "edge2" };
            foreach (var shell in new[] { a, b })
                shell.Outputs["show running-config | section snmp"] = "snmp-server community Publ1cRO RO\r\ntacacs-server key 7 0822455D0A16\r\n";
            var optionsA = Options(path); optionsA.ComputerName = "edge1.example";
            var optionsB = Options(path); optionsB.ComputerName = "edge2.example";
            using (var s1 = DeviceSession.OpenOver(a, optionsA))
            using (var s2 = DeviceSession.OpenOver(b, optionsB))
            {
                var threads = new[] { s1, s2 }.Select(s => new Thread(() => { for (var i = 0; i < 5; i++) s.Invoke("show running-config | section snmp"); })).ToList();
                threads.ForEach(t => t.Start());
                threads.ForEach(t => t.Join());
            }
            var text = File.ReadAllText(path);
            Assert.DoesNotContain("Publ1cRO", text);
            Assert.DoesNotContain("0822455D0A16", text);
            Assert.DoesNotContain("s3cret!", text);
            Assert.Contains("snmp-server community ********", text);
            var lines = text.Split('\n').Where(l => l.Length > 0).ToList();
            Assert.All(lines, l => Assert.True(l.StartsWith("[edge1.example:22] ", StringComparison.Ordinal) || l.StartsWith("[edge2.example:22] ", StringComparison.Ordinal), l));
            Assert.Contains(lines, l => l.StartsWith("[edge1.example:22] --- session edge1.example:22 closed", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("[edge2.example:22] --- session edge2.example:22 closed", StringComparison.Ordinal));
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) Assert.Equal(0x180, ModeOf(path) & 0x1FF);
        }

        [Fact]
        public void A_transcript_line_without_newline_is_written_in_bounded_pieces()
        {
            var path = Path.Combine(_dir, "noline.log");
            var shell = new FakeCiscoShell { ChunkSize = 8192 };
            shell.Outputs["show junk"] = new string('y', 50000) + "\r\n";
            using (var s = DeviceSession.OpenOver(shell, Options(path))) s.Invoke("show junk");
            var longest = File.ReadAllLines(path).Max(l => l.Length);
            Assert.True(longest < 4200, $"longest line {longest}");
        }

        // ---- no orphaned work ---------------------------------------------------------------------------------------

        [Fact]
        public void Cancel_and_wait_ends_every_worker()
        {
            var started = new CountdownEvent(3);
            var pool = new DeviceWorkerPool<int, int>(3, (i, ct) => { started.Signal(); ct.WaitHandle.WaitOne(); return i; }, CancellationToken.None);
            for (var i = 0; i < 5; i++) pool.Add(i);
            Assert.True(started.Wait(TimeSpan.FromSeconds(5)));
            var clock = Stopwatch.StartNew();
            Assert.True(pool.CancelAndWait(TimeSpan.FromSeconds(5)));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
            Assert.Equal(5, pool.TakeCompleted().Count());
        }
    }
}
