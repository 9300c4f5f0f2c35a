using System;
using System.Management.Automation;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>'license smart sync all|local' on SLP devices; with -Wait, waits until 'Last ACK received' moves past the sync.</summary>
    [Cmdlet(VerbsData.Sync, "SsmUsage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ConnectSet)]
    [OutputType(typeof(UsageSyncResult))]
    public sealed class SyncSsmUsageCommand : WorkflowDeviceCmdlet
    {
        [Parameter]
        [ValidateSet("All", "Local", IgnoreCase = true)]
        public string Scope { get; set; } = "All";

        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits for the acknowledgement (the per-command timeout is -CommandTimeoutSec).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int WaitTimeoutSec { get; set; } = 300;

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target)
        {
            if (!FirstTimeSeen(target)) return null;
            var all = string.Equals(Scope, "All", StringComparison.OrdinalIgnoreCase);
            if (!ShouldProcess(target, $"license smart sync {(all ? "all" : "local")}")) return null;
            var wait = Wait.IsPresent;
            var timeout = TimeSpan.FromSeconds(WaitTimeoutSec);
            return (session, work) =>
            {
                try { work.WriteObject(UsageSync.Run(session, all, wait, timeout, work.CancellationToken)); }
                catch (WorkflowFailure f)
                {
                    if (f.PartialResult != null) work.WriteObject(f.PartialResult);
                    work.WriteError(f);
                }
            };
        }
    }
}
