using System;
using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>'license smart deregister': the device drops its registration (legacy) or trust code and licensing identity.</summary>
    [Cmdlet(VerbsLifecycle.Unregister, "SsmDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ConnectSet)]
    [OutputType(typeof(DeviceChangeResult))]
    public sealed class UnregisterSsmDeviceCommand : WorkflowDeviceCmdlet
    {
        /// <summary>How long to wait for UNREGISTERED (the per-command timeout is -CommandTimeoutSec).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int WaitTimeoutSec { get; set; } = 120;

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target)
        {
            if (!FirstTimeSeen(target)) return null;
            if (!ShouldProcess(target, "license smart deregister")) return null;
            var timeout = TimeSpan.FromSeconds(WaitTimeoutSec);
            return (session, work) =>
            {
                var result = Deregistration.Run(session, timeout, work.CancellationToken);
                work.WriteObject(result);
                if (!result.Success)
                    work.WriteError(new SsmOnPremException(WorkflowErrorIds.DeregisterFailed, SsmErrorKind.DeviceError,
                        $"{session.ComputerName}: {result.FailureReason}", "Check 'show license status' on the device.") { Target = session.ComputerName });
            };
        }
    }
}
