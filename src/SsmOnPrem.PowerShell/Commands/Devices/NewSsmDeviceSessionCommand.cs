using System;
using System.Management.Automation;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>Opens a CLI session to each device (logged in, enabled, paging off, platform identified) for use with -Session.</summary>
    [Cmdlet(VerbsCommon.New, "SsmDeviceSession", DefaultParameterSetName = ConnectSet)]
    [OutputType(typeof(DeviceSession))]
    public sealed class NewSsmDeviceSessionCommand : DeviceConnectionCmdlet
    {
        // The sessions are the caller's: the run opens them and hands them out, it does not close them.
        protected override void ConfigureRun(FleetRunnerSettings run) => run.KeepsSessionOpen = true;

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target) =>
            (session, work) =>
            {
                if (work.CancellationToken.IsCancellationRequested) { session.Close(); return; } // stopping: hand out nothing
                work.OnPipelineThread(() =>
                {
                    DeviceSessionRegistry.Add(session);
                    WriteObject(session);
                });
            };
    }
}
