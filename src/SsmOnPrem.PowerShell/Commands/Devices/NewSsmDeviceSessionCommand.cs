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
        /// <summary>Devices connected at the same time (each on its own thread).</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 16;

        protected override int Throttle => ThrottleLimit;
        protected override bool KeepsSessionOpen => true;

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target) =>
            (session, work) => work.OnPipelineThread(() =>
            {
                DeviceSessionRegistry.Add(session);
                WriteObject(session);
            });
    }
}
