using System.Collections.Generic;
using System.Management.Automation;
using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that works on devices: either <c>-Session</c> (sessions from New-SsmDeviceSession, piped
    /// or given) or the connection parameters of <see cref="DeviceConnectionCmdlet"/>, in which case the cmdlet opens
    /// its own session per device and closes it when done. Adds <c>-ThrottleLimit</c> for fan-out.
    /// </summary>
    public abstract class DeviceCmdlet : DeviceConnectionCmdlet
    {
        protected const string SessionSet = "Session";

        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public DeviceSession[] Session { get; set; }

        /// <summary>Devices worked on at the same time (each on its own thread).</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 16;

        protected override int Throttle => ThrottleLimit;

        protected override IReadOnlyList<DeviceSession> SessionsForThisRecord =>
            ParameterSetName == SessionSet ? Session : null;
    }
}
