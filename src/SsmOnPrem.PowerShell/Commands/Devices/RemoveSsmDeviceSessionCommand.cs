using System.Linq;
using System.Management.Automation;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>Closes device sessions and forgets them.</summary>
    [Cmdlet(VerbsCommon.Remove, "SsmDeviceSession", DefaultParameterSetName = "Session", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class RemoveSsmDeviceSessionCommand : SsmCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Session", ValueFromPipeline = true)]
        [ValidateNotNull]
        public DeviceSession[] Session { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id")]
        public int[] Id { get; set; }

        protected override void ProcessRecord()
        {
            var sessions = Session ?? Id.Select(id =>
            {
                var s = DeviceSessionRegistry.All().FirstOrDefault(x => x.Id == id);
                if (s == null) WriteError(ErrorRecords.Create("DeviceSessionNotFound", ErrorCategory.ObjectNotFound,
                    $"No device session with Id {id} in this runspace.", "List the sessions with Get-SsmDeviceSession.", id));
                return s;
            }).Where(s => s != null).ToArray();

            foreach (var session in sessions)
            {
                if (!ShouldProcess($"{session.Hostname ?? session.ComputerName} ({session.ComputerName}:{session.Port}, session {session.Id})", "Close the device session")) continue;
                session.Close();
                DeviceSessionRegistry.Remove(session);
                WriteVerbose($"Closed session {session.Id} to {session.ComputerName}:{session.Port}.");
            }
        }
    }
}
