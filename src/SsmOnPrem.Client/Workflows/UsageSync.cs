using System;
using System.Threading;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>Result of Sync-SsmUsage on one device (type name SsmOnPrem.UsageSyncResult).</summary>
    public sealed class UsageSyncResult
    {
        public string ComputerName { get; set; }
        public string Hostname { get; set; }
        public string Platform { get; set; }
        public string Scope { get; set; }
        public DateTimeOffset SyncSentAt { get; set; }
        /// <summary>True when 'Last ACK received' moved past its value before the sync (always false without -Wait).</summary>
        public bool Acknowledged { get; set; }
        public DateTimeOffset? LastAckReceived { get; set; }
        public DateTimeOffset? LastReportPush { get; set; }
        public int? WaitingForAck { get; set; }
        public int? AcknowledgementsReceived { get; set; }
        public string FailureReason { get; set; }
        public string Command { get; set; }
        public TimeSpan Duration { get; set; }
    }

    /// <summary>'license smart sync all|local' on an SLP device, optionally waiting for the ACK.</summary>
    public static class UsageSync
    {
        public static UsageSyncResult Run(DeviceSession session, bool allMembers, bool wait, TimeSpan timeout, CancellationToken ct)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var scratch = new RegistrationResult { ComputerName = session.ComputerName };
            var result = new UsageSyncResult { ComputerName = session.ComputerName, Scope = allMembers ? "All" : "Local" };
            try
            {
                var identity = RegistrationWorkflow.Stage(RegistrationStage.Identify, () => session.Identity ?? session.Identify(ct), session);
                result.Hostname = identity.Hostname;
                result.Platform = DeviceLicenseReader.PlatformName(identity.Platform);
                var commands = session.PlatformDriver.LicensingCommandsFor(identity.LicensingMode);
                if (!commands.SupportsSync)
                    throw new WorkflowFailure(RegistrationStage.Identify, WorkflowErrorIds.UnsupportedMode, Common.SsmErrorKind.InvalidOperation,
                        $"{result.Platform} {identity.Release} uses legacy Smart Licensing: it has no 'license smart sync' (usage is reported by the registration itself)",
                        "Use Register-SsmDevice for legacy devices; Sync-SsmUsage is for Smart Licensing Using Policy.");
                var poller = new LicensePoller(session);
                var before = poller.ReadQuick(ct, out _);
                session.Invoke("terminal monitor", new DeviceCommandOptions { ThrowOnCliError = false }, ct);
                var sync = commands.Sync(allMembers);
                result.SyncSentAt = DateTimeOffset.Now;
                LicenseStatus last;
                if (wait)
                {
                    RegistrationWorkflow.SyncAndWait(session, poller, before.LastAckReceived, sync, DateTime.UtcNow + timeout, scratch, ct);
                    result.Acknowledged = true;
                    last = scratch.LicenseStatus;
                }
                else
                {
                    var sent = RegistrationWorkflow.Stage(RegistrationStage.Register, () => session.Invoke(sync, null, ct), session);
                    scratch.CommandsSent.Add(sent.Command);
                    last = poller.ReadQuick(ct, out _);
                }
                Fill(result, last);
            }
            catch (WorkflowFailure f)
            {
                result.FailureReason = f.Reason;
                if (scratch.LicenseStatus != null) Fill(result, scratch.LicenseStatus);
                throw new WorkflowFailure(f.Stage, f.ErrorId, f.Kind, f.Reason, f.RecommendedAction) { Target = session.ComputerName, PartialResult = result };
            }
            finally
            {
                result.Command = scratch.CommandsSent.Count > 0 ? scratch.CommandsSent[0] : null;
                result.Duration = clock.Elapsed;
            }
            return result;
        }

        private static void Fill(UsageSyncResult r, LicenseStatus s)
        {
            r.LastAckReceived = s.LastAckReceived;
            r.LastReportPush = s.LastReportPush;
            r.WaitingForAck = s.WaitingForAck;
            r.AcknowledgementsReceived = s.AcknowledgementsReceived;
        }
    }
}
