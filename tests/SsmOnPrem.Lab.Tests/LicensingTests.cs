using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using SsmOnPrem.Lab.Devices;
using Xunit;

namespace SsmOnPrem.Lab.Tests
{
    /// <summary>Asynchronous registration, trust and usage reporting against the real On-Prem emulator over HTTPS.</summary>
    [Collection("lab")]
    public sealed class LicensingTests
    {
        private readonly LabFixture lab;
        public LicensingTests(LabFixture lab) { this.lab = lab; }

        private string NewToken(int? maxUses = null) => lab.Lab.OnPrem.State.AddToken(lab.Lab.OnPrem.DefaultVirtualAccount, maxUses: maxUses).Value;

        private static DeviceShell Open(DeviceRuntime d)
        {
            var s = new DeviceShell(d);
            s.Enable();
            s.Run(d.Profile.Kind == PlatformKind.Asa ? "terminal pager 0" : "terminal length 0");
            return s;
        }

        private void PointCallHomeAtOnPrem(DeviceShell s)
        {
            var url = lab.Lab.OnPrem.CallHomeUrl.ToString();
            s.Run("configure terminal");
            s.Run("call-home");
            s.Run("profile CiscoTAC-1");
            s.Run("destination address http " + url);
            s.Run("end");
        }

        /// <summary>Polls 'show license status' until the registration is no longer in progress.</summary>
        private static string WaitForOutcome(DeviceShell s, string command = "show license status")
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                var status = s.Run(command);
                if (!status.Contains("REGISTRATION IN PROGRESS")) return status;
                if (DateTime.UtcNow > deadline) throw new TimeoutException(status);
                Thread.Sleep(100);
            }
        }

        private static string FailureReason(string status) => Regex.Match(status, @"Failure reason: (.*)").Groups[1].Value.Trim();

        [Fact]
        public void Register_goes_in_progress_then_registered_and_the_server_lists_the_device()
        {
            var d = lab.Take(PlatformKind.IosXe16);
            using var s = Open(d);
            PointCallHomeAtOnPrem(s);
            // No terminal monitor here: the success message lands in the device log either way, and a message racing the
            // status polls made this test flaky (session-visible syslog is covered by DeviceSession.Tests).
            var answer = s.Run("license smart register idtoken " + NewToken());
            Assert.Equal("Registration process is in progress. Use the 'show license status' command to check the progress and result\n", answer);
            Assert.Contains("Status: REGISTERING - REGISTRATION IN PROGRESS", s.Run("show license status"));
            var status = WaitForOutcome(s);
            Assert.Contains("  Status: REGISTERED\n", status);
            Assert.Contains("  Smart Account: " + lab.Lab.OnPrem.Account + "\n", status);
            Assert.Contains("  Virtual Account: " + lab.Lab.OnPrem.DefaultVirtualAccount + "\n", status);
            Assert.Contains("Initial Registration: SUCCEEDED on ", status);
            Assert.Contains("Status: AUTHORIZED on ", status);
            Assert.Contains("%SMART_LIC-6-AGENT_REG_SUCCESS", string.Join("\n", d.Log));
            Assert.Contains(lab.Lab.OnPrem.State.GetProductInstances(), p => p.SerialNumber == d.Profile.SerialNumber && p.RegisteredOn != null);
            Assert.Contains("Smart Licensing Status: REGISTERED/AUTHORIZED", s.Run("show version"));

            // Already registered: without force the agent refuses (state unchanged); with force it registers again.
            s.Run("license smart register idtoken " + NewToken());
            Assert.Contains("%SMART_LIC-3-AGENT_ALREADY_REGISTER", string.Join("\n", d.Log));
            s.Run("license smart register idtoken " + NewToken() + " force");
            Assert.Contains("  Status: REGISTERED\n", WaitForOutcome(s));

            s.Run("license smart deregister");
            Assert.Contains("  Status: UNREGISTERED\n", s.Run("show license status"));
        }

        [Fact]
        public void Registration_failures_carry_the_reason_the_device_got()
        {
            var d = lab.Take(PlatformKind.IosXe16);
            using var s = Open(d);

            // Factory call-home profile points at Cisco's cloud, which the lab cannot reach.
            s.Run("license smart register idtoken " + NewToken());
            var noTransport = WaitForOutcome(s);
            Assert.Contains("Status: UNREGISTERED - REGISTRATION FAILED", noTransport);
            Assert.Equal("Fail to send out Call Home HTTP message.", FailureReason(noTransport));

            PointCallHomeAtOnPrem(s);
            var state = lab.Lab.OnPrem.State;
            s.Run("license smart register idtoken NoSuchToken123");
            Assert.Contains("The ID token is not valid", FailureReason(WaitForOutcome(s)));

            var expired = NewToken();
            state.ExpireToken(expired);
            s.Run("license smart register idtoken " + expired);
            Assert.Contains("expired", FailureReason(WaitForOutcome(s)));

            var revoked = NewToken();
            lock (state.Gate) state.Tokens.First(t => t.Value == revoked).Revoked = true;
            s.Run("license smart register idtoken " + revoked);
            Assert.Contains("revoked", FailureReason(WaitForOutcome(s)));

            var exhausted = NewToken(maxUses: 0);
            s.Run("license smart register idtoken " + exhausted);
            Assert.Contains("maximum number of uses", FailureReason(WaitForOutcome(s)));

            // Right server, wrong path: an empty 404 answer.
            s.Run("configure terminal");
            s.Run("call-home");
            s.Run("profile CiscoTAC-1");
            s.Run("destination address http " + new Uri(lab.Lab.OnPrem.BaseAddress, "/no/such/path"));
            s.Run("end");
            s.Run("license smart register idtoken " + NewToken());
            Assert.Equal("Received empty response from server", FailureReason(WaitForOutcome(s)));   // as in iosxe17_syslog_slp-onprem.txt

            Assert.Contains("%SMART_LIC-3-AGENT_REG_FAILED: Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) failed: ", string.Join("\n", d.Log));
        }

        [Fact]
        public void Nxos_registers_through_its_callhome_destination_profile()
        {
            var d = lab.Take(PlatformKind.Nxos9);
            using var s = Open(d);
            s.Run("configure terminal");
            s.Run("callhome");
            s.Run("destination-profile CiscoTAC-1 index 1 http " + lab.Lab.OnPrem.CallHomeUrl);
            s.Run("end");
            Assert.Contains("destination-profile CiscoTAC-1 index 1 http " + lab.Lab.OnPrem.CallHomeUrl, s.Run("show running-config callhome"));
            Assert.Equal("Initiated device registration with backend. run show license status, for registration status\n", s.Run("license smart register idtoken " + NewToken()));
            Assert.Contains("  Status: REGISTERED\n", WaitForOutcome(s));
        }

        [Fact]
        public void Slp_trust_and_sync_get_an_ack_from_on_prem()
        {
            var d = lab.Take(PlatformKind.IosXe17);
            using var s = Open(d);
            var before = s.Run("show license status");
            Assert.Contains("Last ACK received: <none>", before);
            Assert.Contains("Trust Code Installed: <none>", before);

            s.Run("configure terminal");
            s.Run("license smart transport cslu");
            s.Run("license smart url cslu " + lab.Lab.OnPrem.CsluUrl);
            s.Run("end");
            s.Run("license smart trust idtoken " + NewToken() + " local");
            var start = DateTimeOffset.UtcNow;
            s.Run("license smart sync local");
            string status = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; Thread.Sleep(100))
            {
                status = s.Run("show license all");
                if (!status.Contains("Last ACK received: <none>") && !status.Contains("Trust Code Installed: <none>")) break;
            }
            Assert.Matches(@"Last ACK received: \w{3} \d\d \d\d:\d\d:\d\d \d{4} UTC", status);
            Assert.Matches(@"Last report push: \w{3} \d\d \d\d:\d\d:\d\d \d{4} UTC", status);
            Assert.Matches(@"Trust Code Installed: \w{3} \d\d \d\d:\d\d:\d\d \d{4} UTC", status);
            Assert.Contains("Waiting for Ack: 0", status);
            Assert.Contains("Smart Account: " + lab.Lab.OnPrem.Account + " As of ", status);
            Assert.Contains(lab.Lab.OnPrem.State.GetUsageReports(), r => r.Udi == d.Profile.Udi && r.ReceivedOn >= start.AddSeconds(-1));

            // A wrong tenant in the URL: the report is not acknowledged and the reason shows.
            s.Run("configure terminal");
            s.Run("license smart url cslu " + new Uri(lab.Lab.OnPrem.BaseAddress, "/cslu/v1/pi/NoSuchAccount-99"));
            s.Run("end");
            s.Run("license smart sync all");
            for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; Thread.Sleep(100))
            {
                status = s.Run("show license status");
                if (status.Contains("Failure reason:")) break;
            }
            Assert.Contains("No local account matches the tenant", status);
        }

        [Fact]
        public void Slp_releases_have_no_register_command()
        {
            using var s = Open(lab.Take(PlatformKind.Nxos10));
            Assert.Contains("% Invalid command at '^' marker.", s.Run("license smart register idtoken abc"));
        }
    }
}
