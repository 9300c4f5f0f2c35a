using System;
using System.Linq;
using System.Text.RegularExpressions;
using Renci.SshNet;
using SsmOnPrem.Lab.Devices;
using Xunit;

namespace SsmOnPrem.Lab.Tests
{
    /// <summary>Prompts, modes, paging, errors with carets and identity, over real SSH through the lab's sshd.</summary>
    [Collection("lab")]
    public sealed class CliBehaviourTests
    {
        private readonly LabFixture lab;
        public CliBehaviourTests(LabFixture lab) { this.lab = lab; }

        [Fact]
        public void IosXe_prompts_follow_the_modes_and_enable_needs_the_secret()
        {
            var d = lab.Take(PlatformKind.IosXe16);
            using var s = new DeviceShell(d);
            var host = d.Profile.Hostname;
            Assert.Equal(host + ">", s.Prompt);

            s.Send("enable\r");
            for (int i = 0; i < 3; i++) { s.ReadUntil(new Regex("Password: $")); s.Send("wrong-secret\r"); }
            Assert.Contains("% Bad secrets", s.ReadUntilPrompt());
            Assert.Equal(host + ">", s.Prompt);

            s.Enable();
            Assert.Equal(host + "#", s.Prompt);
            Assert.Contains("Enter configuration commands", s.Run("configure terminal"));
            Assert.Equal(host + "(config)#", s.Prompt);
            s.Run("call-home");
            Assert.Equal(host + "(config-call-home)#", s.Prompt);
            s.Run("profile CiscoTAC-1");
            Assert.Equal(host + "(config-call-home-profile)#", s.Prompt);
            s.Run("exit");
            Assert.Equal(host + "(config-call-home)#", s.Prompt);
            s.Run("end");
            Assert.Equal(host + "#", s.Prompt);
            s.Run("disable");
            Assert.Equal(host + ">", s.Prompt);
        }

        [Fact]
        public void Each_platform_lands_where_the_real_one_does()
        {
            using (var nx = new DeviceShell(lab.Take(PlatformKind.Nxos9))) Assert.Equal(nx.Device.Profile.Hostname + "# ", nx.Prompt);
            using (var xr = new DeviceShell(lab.Take(PlatformKind.IosXr))) Assert.Equal("RP/0/RP0/CPU0:" + xr.Device.Profile.Hostname + "#", xr.Prompt);
            using var asa = new DeviceShell(lab.Take(PlatformKind.Asa));
            Assert.Equal(asa.Device.Profile.Hostname + ">", asa.Prompt);
            asa.Enable();
            Assert.Equal("", asa.Run("terminal pager 0"));
            Assert.Contains("ERROR: % Invalid input detected at '^' marker.", asa.Run("terminal length 0"));
        }

        [Fact]
        public void Unknown_input_gets_a_caret_under_the_bad_word()
        {
            var d = lab.Take(PlatformKind.IosXe17);
            using var s = new DeviceShell(d);
            var output = s.Run("show versionx");
            var lines = output.Split('\n');
            Assert.Equal("% Invalid input detected at '^' marker.", lines[1]);
            Assert.Equal(s.Prompt.Length + "show ".Length, lines[0].IndexOf('^'));

            Assert.StartsWith("% Incomplete command.", s.Run("show"));
            Assert.StartsWith("% Ambiguous command:  \"sh l\"", s.Enable_then(x => x.Run("sh l")));
        }

        [Fact]
        public void Nxos_errors_use_its_own_wording()
        {
            using var s = new DeviceShell(lab.Take(PlatformKind.Nxos10));
            var lines = s.Run("show bogus").Split('\n');
            Assert.Equal("% Invalid command at '^' marker.", lines[1]);
            Assert.Equal(s.Prompt.Length + "show ".Length, lines[0].IndexOf('^'));
        }

        [Fact]
        public void Output_is_paged_until_terminal_length_0()
        {
            var d = lab.Take(PlatformKind.IosXe16);
            using var s = new DeviceShell(d);
            s.Run("terminal length 10");
            s.Send("show version\r");
            var first = s.ReadUntil(new Regex(" --More-- $"));
            var lines = first.Split('\n');
            Assert.Equal("show version", lines[0]);
            Assert.Equal(" --More-- ", lines[^1]);
            Assert.Equal(9, lines.Length - 2);   // a page is terminal length - 1 lines
            s.Send(" ");
            s.ReadUntil(new Regex(" --More-- $"));
            s.Send("q");
            s.ReadUntilPrompt();

            s.Run("terminal length 0");
            var all = s.Run("show version");
            Assert.DoesNotContain("--More--", all);
            Assert.Contains("Configuration register is 0x102", all);
        }

        [Fact]
        public void Show_version_names_the_device_reached_by_its_port()
        {
            foreach (var kind in new[] { PlatformKind.IosXe17, PlatformKind.Nxos10, PlatformKind.IosXr, PlatformKind.Asa })
            {
                var d = lab.Take(kind);
                using var s = new DeviceShell(d);
                s.Run(kind == PlatformKind.Asa ? "terminal pager 0" : "terminal length 0");
                var version = s.Run("show version");
                Assert.Contains(d.Profile.Release, version);
                if (kind != PlatformKind.IosXr) Assert.Contains(d.Profile.SerialNumber, version);
                if (kind == PlatformKind.IosXe17) Assert.Contains("Smart Licensing Status: Smart Licensing Using Policy", version);
            }
        }

        [Fact]
        public void An_exec_channel_command_runs_and_closes()
        {
            var d = lab.Take(PlatformKind.IosXe16);
            using var client = new SshClient(DeviceShell.ConnectionInfoFor(d.Profile.Port, d.Profile.Username, d.Profile.Password));
            client.Connect();
            var result = client.RunCommand("show license udi");
            Assert.Contains(d.Profile.SerialNumber, result.Result);
        }

        [Fact]
        public void Configuration_persists_across_sessions_and_shows_in_running_config()
        {
            var d = lab.Take(PlatformKind.IosXe17);
            using (var s = new DeviceShell(d))
            {
                s.Enable();
                s.Run("configure terminal");
                s.Run("license smart transport cslu");
                s.Run("license smart url cslu https://onprem.example/cslu/v1/pi/Default-1");
                s.Run("license smart usage interval 7");
                s.Run("end");
                Assert.Contains("[OK]", s.Run("write memory"));
            }
            using var again = new DeviceShell(d);
            again.Enable();
            again.Run("terminal length 0");
            var config = again.Run("show running-config | include license smart");
            Assert.Contains("license smart transport cslu", config);
            Assert.Contains("license smart url cslu https://onprem.example/cslu/v1/pi/Default-1", config);
            Assert.Contains("license smart usage interval 7", config);
            Assert.DoesNotContain("hostname", config);
            var section = again.Run("show running-config | section call-home");
            Assert.StartsWith("call-home\n contact-email-addr", section);
            Assert.Contains("Reporting push interval: 7  days", again.Run("show license status"));
        }

        [Fact]
        public void IosXr_configuration_needs_commit()
        {
            var d = lab.Take(PlatformKind.IosXr);
            using var s = new DeviceShell(d);
            s.Run("terminal length 0");
            s.Run("configure");
            s.Run("call-home");
            s.Run("profile CiscoTAC-1");
            s.Run("destination address http https://onprem.example/Transportgateway/services/DeviceRequestHandler");
            Assert.DoesNotContain("onprem.example", s.Run("do show running-config call-home"));
            s.Run("commit");
            s.Run("end");
            Assert.Contains("destination address http https://onprem.example/", s.Run("show running-config call-home"));
        }

        [Fact]
        public void Ping_succeeds_only_towards_the_on_prem_emulator()
        {
            var d = lab.Take(PlatformKind.IosXe16);
            using var s = new DeviceShell(d);
            s.Enable();
            Assert.Contains("Success rate is 100 percent (5/5)", s.Run("ping " + lab.Lab.OnPrem.BaseAddress.Host));
            Assert.Contains("Success rate is 0 percent (0/5)", s.Run("ping 192.0.2.1"));
            Assert.Contains("% Unrecognized host or address", s.Run("ping no-such-host.invalid"));
        }

        [Fact]
        public void Terminal_monitor_shows_syslog_in_the_session()
        {
            var d = lab.Take(PlatformKind.IosXe17);
            using var s = new DeviceShell(d);
            s.Enable();
            s.Run("terminal monitor");
            s.Run("configure terminal");
            Assert.Contains("%SYS-5-CONFIG_I: Configured from console by", s.Run("end"));
            s.Run("terminal no monitor");
            s.Run("configure terminal");
            Assert.DoesNotContain("%SYS-5-CONFIG_I", s.Run("end"));
        }
    }

    internal static class ShellExtensions
    {
        public static string Enable_then(this DeviceShell s, Func<DeviceShell, string> action) { s.Enable(); return action(s); }
    }
}
