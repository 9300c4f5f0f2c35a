using System;
using System.IO;
using System.Linq;
using System.Net;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.HostKeys;
using Xunit;

namespace SsmOnPrem.Client.Tests.Compat
{
    public sealed class LabDevicesFixture : IDisposable
    {
        public LabProcess Lab { get; } = LabProcess.StartDevices(2, "IOS-XE,NX-OS");
        public void Dispose() => Lab.Dispose();
    }

    /// <summary>
    /// Device sessions over SSH.NET against the lab's real OpenSSH sshd, from the net472 build under Mono: key exchange,
    /// host key verification (pinned, known_hosts with CRLF line ends as Windows editors save it), password login,
    /// enable, paging and the license parsers on what the device printed.
    /// </summary>
    public sealed class OutOfProcessDeviceSessionTests : IClassFixture<LabDevicesFixture>, IDisposable
    {
        private readonly JObject _lab;
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ssm-compat-kh-" + Guid.NewGuid().ToString("n"));

        public OutOfProcessDeviceSessionTests(LabDevicesFixture fixture) { _lab = fixture.Lab.Description; Directory.CreateDirectory(_dir); }
        public void Dispose() => Directory.Delete(_dir, true);

        private static DeviceConnectionOptions Options(JToken device, Action<DeviceConnectionOptions> configure)
        {
            var o = new DeviceConnectionOptions
            {
                ComputerName = (string)device["ComputerName"],
                Port = (int)device["Port"],
                Credential = new NetworkCredential((string)device["Username"], (string)device["Password"]),
                EnableCredential = new NetworkCredential("", (string)device["EnableSecret"]),
                HostKeyPolicy = HostKeyPolicy.Pinned,
                HostKeyFingerprint = (string)device["HostKeyFingerprint"],
                ConnectTimeout = TimeSpan.FromSeconds(30),
                CommandTimeout = TimeSpan.FromSeconds(60),
            };
            configure?.Invoke(o);
            return o;
        }

        [Fact]
        public void Reads_identity_and_license_status_from_each_platform_over_ssh()
        {
            foreach (var device in _lab["Devices"])
            {
                using (var session = DeviceSession.Open(Options(device, null)))
                {
                    var report = DeviceLicenseReader.Read(session);
                    Assert.Equal((string)device["SerialNumber"], report.Identity.SerialNumber);
                    Assert.Equal((string)device["Platform"], DeviceLicenseReader.PlatformName(report.Identity.Platform));
                    Assert.NotEmpty(report.Commands);
                    Assert.NotNull(report.Status);
                }
            }
        }

        [Fact]
        public void A_wrong_pinned_fingerprint_is_refused_before_login()
        {
            var device = _lab["Devices"].First();
            var ex = Assert.Throws<HostKeyException>(() => DeviceSession.Open(Options(device, o => o.HostKeyFingerprint = "SHA256:" + new string('A', 43))));
            Assert.Equal(DeviceErrorIds.HostKeyFingerprintMismatch, ex.ErrorId);
        }

        [Fact]
        public void A_known_hosts_file_saved_with_CRLF_line_ends_still_verifies_the_host()
        {
            var device = _lab["Devices"].First();
            var knownHosts = Path.Combine(_dir, "known_hosts");
            using (DeviceSession.Open(Options(device, o => { o.HostKeyPolicy = HostKeyPolicy.AcceptNew; o.HostKeyFingerprint = null; o.KnownHostsPath = knownHosts; }))) { }
            var lines = File.ReadAllLines(knownHosts).Where(l => l.Length > 0).ToList();
            Assert.NotEmpty(lines);
            // What Notepad leaves behind: CRLF line ends and a comment line.
            File.WriteAllText(knownHosts, "# edited on Windows\r\n" + string.Join("\r\n", lines) + "\r\n");
            using (var session = DeviceSession.Open(Options(device, o => { o.HostKeyPolicy = HostKeyPolicy.Strict; o.HostKeyFingerprint = null; o.KnownHostsPath = knownHosts; })))
                Assert.Contains((string)device["SerialNumber"], session.Invoke("show version").Output);
        }
    }
}
