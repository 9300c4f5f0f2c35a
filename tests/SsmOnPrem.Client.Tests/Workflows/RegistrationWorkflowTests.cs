using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Workflows;
using Xunit;
using Kind = SsmOnPrem.Client.Tests.Workflows.FakeKind;

namespace SsmOnPrem.Client.Tests.Workflows
{
    /// <summary>
    /// RegistrationWorkflow over an in-memory device per platform (FakeLicensingDevice): legacy and SLP, a failure at every
    /// stage, the idempotent rerun, and the save step. The same paths run end to end against the lab in Workflow.Tests.ps1.
    /// </summary>
    public class RegistrationWorkflowTests
    {
        private const string Token = "AAAABBBBCCCCDDDD1234";
        private const string CallHome = "https://192.0.2.5/Transportgateway/services/DeviceRequestHandler";
        private const string Cslu = "https://192.0.2.5/cslu/v1/pi/SA/VA";

        private static RegistrationRequest Request(Action<RegistrationRequest> change = null)
        {
            var r = new RegistrationRequest { Token = Token, CallHomeUrl = CallHome, CsluUrl = Cslu, WaitTimeout = TimeSpan.FromSeconds(10), ExpectedSmartAccount = "SA", ExpectedVirtualAccount = "VA" };
            change?.Invoke(r);
            return r;
        }

        private static RegistrationResult Run(FakeLicensingDevice device, RegistrationRequest request = null)
        {
            var workflow = new RegistrationWorkflow(request ?? Request());
            return workflow.Run("fake", 22, ct => device.Open(), CancellationToken.None);
        }

        [Theory]
        [InlineData(Kind.IosXe16, "copy running-config startup-config", "destination address http " + CallHome)]
        [InlineData(Kind.Nxos9, "copy running-config startup-config", "destination-profile CiscoTAC-1 http " + CallHome)]
        [InlineData(Kind.IosXr, null, "destination address http " + CallHome)]
        [InlineData(Kind.Asa, "write memory", "destination address http " + CallHome)]
        public void Legacy_registers_and_saves_the_platforms_way(Kind kind, string save, string transportLine)
        {
            var device = new FakeLicensingDevice(kind);
            var r = Run(device);

            Assert.True(r.Status == "Registered", r.ToString());
            Assert.Equal("SL", r.Mode);
            Assert.True(r.TransportChanged);
            Assert.True(r.ConfigSaved);
            Assert.Null(r.ConfigSaveReason);
            Assert.Contains(transportLine, device.Running);
            if (save != null)
            {
                Assert.Contains(save, r.CommandsSent);
                Assert.Contains(transportLine, device.Startup);                   // saved, so a reload keeps it
            }
            else
            {
                Assert.Contains("commit", r.CommandsSent);                        // IOS-XR: the commit is the save
                Assert.DoesNotContain("copy running-config startup-config", device.Shell.Received);
            }
            // The save comes after the configuration and before the token is spent.
            var sent = r.CommandsSent;
            Assert.True(save == null || sent.IndexOf(save) < sent.FindIndex(l => l.StartsWith("license smart register", StringComparison.Ordinal)));
            Assert.EndsWith("license smart register idtoken ********", sent.Last());
        }

        [Theory]
        [InlineData(Kind.IosXe16, "Registered")]
        [InlineData(Kind.IosXe17, "Reported")]
        public void Tells_each_stage_as_the_device_reaches_it_and_closes_the_session_it_opened(Kind kind, string outcome)
        {
            var device = new FakeLicensingDevice(kind);
            var stages = new List<RegistrationStage>();
            DeviceSession session = null;
            var workflow = new RegistrationWorkflow(Request()) { StageReached = stages.Add };
            var r = workflow.Run("fake", 22, ct => session = device.Open(), CancellationToken.None);

            Assert.True(r.Status == outcome, r.ToString());
            Assert.Equal(RegistrationStage.Connect, stages.First());
            var order = new[] { RegistrationStage.Connect, RegistrationStage.Identify, RegistrationStage.Transport, RegistrationStage.Register, RegistrationStage.Wait, RegistrationStage.Verify };
            var at = order.Select(s => stages.IndexOf(s)).ToArray();
            Assert.DoesNotContain(-1, at);
            Assert.Equal(at.OrderBy(i => i), at);                       // in the order a device passes them (the fleet's progress counts these)
            Assert.Equal(RegistrationStage.Verify, stages.Last());
            Assert.Equal(DeviceSessionState.Closed, session.State);
        }

        [Fact]
        public void A_rerun_changes_nothing_and_saves_nothing()
        {
            var device = new FakeLicensingDevice(Kind.IosXe16);
            Assert.Equal("Registered", Run(device).Status);
            var receivedBefore = device.Shell.Received.Count;

            var again = Run(device);
            Assert.True(again.Status == "AlreadyRegistered", again.ToString());
            Assert.Empty(again.CommandsSent);
            Assert.Null(again.ConfigSaved);
            var rerunLines = device.Shell.Received.Skip(receivedBefore).ToList();
            Assert.DoesNotContain(rerunLines, l => l.StartsWith("configure", StringComparison.Ordinal) || l.StartsWith("copy", StringComparison.Ordinal) || l.StartsWith("license smart register", StringComparison.Ordinal));
        }

        [Fact]
        public void An_unchanged_transport_is_not_saved_again()
        {
            var device = new FakeLicensingDevice(Kind.Nxos9);
            Assert.True(Run(device).ConfigSaved);
            device.RegistrationStatus = "UNREGISTERED";    // deregistered meanwhile: the transport is still there
            var again = Run(device);
            Assert.True(again.Status == "Registered", again.ToString());
            Assert.False(again.TransportChanged);
            Assert.Null(again.ConfigSaved);
            Assert.Single(again.CommandsSent);
        }

        [Fact]
        public void SkipSave_leaves_the_change_unsaved_and_says_so()
        {
            var device = new FakeLicensingDevice(Kind.IosXe16);
            var r = Run(device, Request(q => q.SkipSave = true));
            Assert.Equal("Registered", r.Status);
            Assert.False(r.ConfigSaved);
            Assert.Contains("SkipSave", r.ConfigSaveReason);
            Assert.Empty(device.Startup);
            device.Reload();
            Assert.DoesNotContain("destination address http " + CallHome, device.Running);
        }

        [Fact]
        public void A_refused_save_is_reported_in_the_devices_words_and_the_registration_goes_on()
        {
            var device = new FakeLicensingDevice(Kind.Asa) { SaveReply = "%Error writing flash:/startup-config (No space left on device)\n" };
            var r = Run(device);
            Assert.Equal("Registered", r.Status);
            Assert.False(r.ConfigSaved);
            Assert.Contains("No space left on device", r.ConfigSaveReason);
        }

        [Fact]
        public void WhatIf_plans_the_framed_block_and_the_save_and_sends_neither()
        {
            var device = new FakeLicensingDevice(Kind.IosXe16);
            var r = Run(device, Request(q => q.PlanOnly = true));
            Assert.Equal("Skipped", r.Status);
            Assert.Equal("configure terminal", r.PlannedCommands.First());
            var end = r.PlannedCommands.IndexOf("end");
            Assert.Equal("copy running-config startup-config", r.PlannedCommands[end + 1]);
            Assert.Equal("license smart register idtoken ********", r.PlannedCommands.Last());
            Assert.DoesNotContain(device.Shell.Received, l => l.StartsWith("configure", StringComparison.Ordinal) || l.StartsWith("copy", StringComparison.Ordinal));
            Assert.Null(r.ConfigSaved);
        }

        [Fact]
        public void WhatIf_on_IOS_XR_plans_the_commit_and_no_save()
        {
            var r = Run(new FakeLicensingDevice(Kind.IosXr), Request(q => q.PlanOnly = true));
            Assert.Contains("commit", r.PlannedCommands);
            Assert.DoesNotContain("copy running-config startup-config", r.PlannedCommands);
        }

        [Fact]
        public void Slp_configures_cslu_saves_trusts_syncs_and_waits_for_the_ack_then_a_rerun_is_a_no_op()
        {
            var device = new FakeLicensingDevice(Kind.IosXe17);
            var r = Run(device);
            Assert.True(r.Status == "Reported", r.ToString());
            Assert.Equal("SLP", r.Mode);
            Assert.True(r.ConfigSaved);
            Assert.Contains("license smart url cslu " + Cslu, device.Startup);
            Assert.Contains("license smart trust idtoken ******** all", r.CommandsSent);
            Assert.Equal("license smart sync all", r.CommandsSent.Last());
            Assert.NotNull(r.LicenseStatus.LastAckReceived);

            var again = Run(device);
            Assert.True(again.Status == "AlreadyRegistered", again.ToString());
            Assert.Empty(again.CommandsSent);
            Assert.Null(again.ConfigSaved);
        }

        // ---- a failure at every stage ----

        [Fact]
        public void Connect_failure_is_the_Connect_stage()
        {
            var r = new RegistrationWorkflow(Request()).Run("fake", 22, ct => throw new DeviceException(DeviceErrorIds.ConnectionRefused, SsmErrorKind.ConnectionError, "refused", "check"), CancellationToken.None);
            Assert.Equal("Failed", r.Status);
            Assert.Equal("Connect", r.FailureStage);
            Assert.Equal(DeviceErrorIds.ConnectionRefused, r.ErrorId);
        }

        [Fact]
        public void An_unknown_platform_fails_at_Identify_naming_the_known_ones()
        {
            var device = new FakeLicensingDevice(Kind.IosXe16);
            device.Shell.ShowVersion = "Linux edge1 6.1.0\n";
            var r = Run(device);
            Assert.Equal("Identify", r.FailureStage);
            Assert.Equal(WorkflowErrorIds.IdentifyFailed, r.ErrorId);
            Assert.Contains("IOS-XE, NX-OS, IOS-XR, ASA", r.FailureReason);
        }

        [Theory]
        [InlineData(Kind.IosXe16)]
        [InlineData(Kind.IosXr)]
        public void A_refused_transport_line_fails_at_Transport_and_nothing_is_saved(Kind kind)
        {
            var device = new FakeLicensingDevice(kind);
            device.Shell.RefuseInConfig = "destination address";
            var r = Run(device);
            Assert.Equal("Transport", r.FailureStage);
            Assert.Contains("destination address http", r.FailureReason);
            Assert.Empty(device.Startup);
            Assert.DoesNotContain(device.Shell.Received, l => l.StartsWith("copy", StringComparison.Ordinal) || l.StartsWith("license smart register", StringComparison.Ordinal));
            if (kind == Kind.IosXr) Assert.Contains("abort", device.Shell.Received);   // the candidate is thrown away
        }

        [Fact]
        public void A_failed_ping_fails_at_Connectivity_before_the_token_is_spent()
        {
            var device = new FakeLicensingDevice(Kind.Nxos9) { PingWorks = false };
            var r = Run(device);
            Assert.Equal("Connectivity", r.FailureStage);
            Assert.Equal(WorkflowErrorIds.ConnectivityFailed, r.ErrorId);
            Assert.DoesNotContain(device.Shell.Received, l => l.StartsWith("license smart register", StringComparison.Ordinal));
            Assert.Contains(device.Shell.Received, l => l == "ping 192.0.2.5");
        }

        [Fact]
        public void A_device_side_failure_fails_at_Register_with_the_devices_reason()
        {
            var device = new FakeLicensingDevice(Kind.IosXe16) { RegisterOutcome = "fail" };
            var r = Run(device);
            Assert.Equal("Register", r.FailureStage);
            Assert.Equal(WorkflowErrorIds.RegistrationFailed, r.ErrorId);
            Assert.Equal("The product instance token is expired", r.FailureReason);
            Assert.True(r.ConfigSaved);   // the transport change before it was saved all the same
        }

        [Fact]
        public void Registration_stuck_in_progress_fails_at_Wait_at_the_deadline()
        {
            var device = new FakeLicensingDevice(Kind.Asa) { RegisterOutcome = "stuck" };
            var r = Run(device, Request(q => q.WaitTimeout = TimeSpan.FromSeconds(1)));
            Assert.Equal("Wait", r.FailureStage);
            Assert.Equal(WorkflowErrorIds.WaitTimeout, r.ErrorId);
            Assert.Contains("IN PROGRESS", r.FailureReason);
        }

        [Fact]
        public void A_failed_final_read_fails_at_Verify()
        {
            var device = new FakeLicensingDevice(Kind.IosXe16) { FailVerify = true };
            var r = Run(device);
            Assert.Equal("Verify", r.FailureStage);
        }

        // ---- the licensing syslog facility is the driver's ----

        [Theory]
        [InlineData(Kind.IosXr)]   // %LICENSE-SMART_LIC-3-AGENT_REG_FAILED : ...
        [InlineData(Kind.IosXe16)] // %SMART_LIC-3-AGENT_REG_FAILED: ...
        public void The_failure_syslog_ends_the_wait_early_in_the_platforms_facility(Kind kind)
        {
            // 'show license status' stays IN PROGRESS: only the syslog message says it failed.
            var device = new FakeLicensingDevice(kind) { RegisterOutcome = "syslog-fail" };
            var clock = Stopwatch.StartNew();
            var r = Run(device, Request(q => q.WaitTimeout = TimeSpan.FromSeconds(20)));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"waited {clock.Elapsed.TotalSeconds:0.#} s: the {kind} syslog was not recognised");
            Assert.Equal("Register", r.FailureStage);
            Assert.Equal("The token was revoked", r.FailureReason);
        }

        [Fact]
        public void The_IOS_XR_facility_is_not_the_IOS_XE_one()
        {
            var xr = SsmOnPrem.Client.Devices.Platforms.PlatformDriver.ForName("IOS-XR");
            var xe = SsmOnPrem.Client.Devices.Platforms.PlatformDriver.ForName("IOS-XE");
            Assert.True(SsmOnPrem.Client.Parsing.SyslogMessage.TryParse("RP/0/RP0/CPU0:Dec  3 09:00:00.000 UTC: smartlicserver[392]: %LICENSE-SMART_LIC-3-AGENT_REG_FAILED : failed: x", out var m));
            Assert.Equal("LICENSE-SMART_LIC", m.Facility);
            Assert.True(xr.IsLicensingSyslog(m));
            Assert.False(xe.IsLicensingSyslog(m));
        }
    }
}
