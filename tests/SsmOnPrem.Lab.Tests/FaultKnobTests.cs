using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Renci.SshNet;
using Renci.SshNet.Common;
using SsmOnPrem.Lab.Devices;
using Xunit;

namespace SsmOnPrem.Lab.Tests
{
    /// <summary>The per-device fault knobs, set through the lab's admin channel as Set-SsmLabDevice does.</summary>
    [Collection("lab")]
    public sealed class FaultKnobTests
    {
        private readonly LabFixture lab;
        public FaultKnobTests(LabFixture lab) { this.lab = lab; }

        private Task Set(DeviceRuntime d, object knobs)
        {
            var json = JsonSerializer.Serialize(knobs);
            var request = json.Insert(1, $"\"op\":\"set\",\"device\":\"{d.Profile.Hostname}\",");
            return lab.Lab.HandleAdminAsync(request);
        }

        [Fact]
        public async Task Latency_delays_every_command()
        {
            var d = lab.Take(PlatformKind.Nxos10);
            using var s = new DeviceShell(d);
            await Set(d, new { latencyMs = 400 });
            var watch = Stopwatch.StartNew();
            s.Run("show clock");
            Assert.True(watch.ElapsedMilliseconds >= 400, $"answered after {watch.ElapsedMilliseconds} ms");
            await Set(d, new { latencyMs = 0 });
        }

        [Fact]
        public async Task Drop_mid_output_closes_the_session_half_way()
        {
            var d = lab.Take(PlatformKind.IosXr);
            using var s = new DeviceShell(d);
            s.Run("terminal length 0");
            await Set(d, new { dropMidOutput = true });
            var ex = Assert.ThrowsAny<Exception>(() => s.Run("show version", TimeSpan.FromSeconds(5)));
            Assert.Contains("Cisco IOS XR Software", ex.Message);
            await Set(d, new { dropMidOutput = false });
        }

        [Fact]
        public async Task Hang_never_answers_but_other_devices_do()
        {
            var d = lab.Take(PlatformKind.Asa);
            using var s = new DeviceShell(d);
            await Set(d, new { hangCommand = "show version" });
            Assert.Throws<TimeoutException>(() => s.Run("show version", TimeSpan.FromSeconds(1)));
            using var other = new DeviceShell(lab.Take(PlatformKind.Asa));
            other.Run("terminal pager 0");
            Assert.Contains("Cisco Adaptive Security Appliance", other.Run("show version"));
            await Set(d, new { hangCommand = "" });
        }

        [Fact]
        public async Task Refused_authentication_and_a_changed_host_key()
        {
            var d = lab.Take(PlatformKind.IosXe17);
            var neighbour = lab.Lab.Devices.Find(x => x != d && x.HostKeyFingerprint == d.HostKeyFingerprint);
            string seen = null;
            using (var s = new DeviceShell(d, fp => seen = fp)) { }
            Assert.Equal(d.HostKeyFingerprint, seen);

            await Set(d, new { refuseAuthentication = true });
            Assert.Throws<SshAuthenticationException>(() => new DeviceShell(d).Dispose());
            await Set(d, new { refuseAuthentication = false });

            var oldKey = d.HostKeyFingerprint;
            await Set(d, new { changeHostKey = true });
            Assert.NotEqual(oldKey, d.HostKeyFingerprint);
            using (var s = new DeviceShell(d, fp => seen = fp)) Assert.Equal(d.Profile.Hostname + ">", s.Prompt);
            Assert.Equal(d.HostKeyFingerprint, seen);
            Assert.Contains(d.HostKeyFingerprint, System.IO.File.ReadAllText(lab.Lab.DescriptionPath));
            if (neighbour != null)
            {
                using var n = new DeviceShell(neighbour, fp => seen = fp);   // devices that shared its sshd keep their key
                Assert.Equal(oldKey, seen);
            }
        }

        [Fact]
        public async Task Registration_fails_with_the_given_reason_or_stays_in_progress()
        {
            var d = lab.Take(PlatformKind.IosXe16);
            using var s = new DeviceShell(d);
            s.Enable();
            s.Run("terminal length 0");
            await Set(d, new { registrationFailure = "Communication message send error" });
            s.Run("license smart register idtoken AnyToken");
            string status = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; Thread.Sleep(100))
                if ((status = s.Run("show license status")).Contains("REGISTRATION FAILED")) break;
            Assert.Contains("    Failure reason: Communication message send error\n", status);

            await Set(d, new { registrationFailure = "", registrationStuck = true });
            s.Run("license smart register idtoken AnyToken");
            Thread.Sleep(lab.Lab.Options.RegistrationDelayMs * 4);
            Assert.Contains("REGISTRATION IN PROGRESS", s.Run("show license status"));
            await Set(d, new { registrationStuck = false });
        }
    }
}
