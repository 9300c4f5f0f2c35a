using System.Linq;
using System.Management.Automation;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>Lists the device sessions opened in this runspace by New-SsmDeviceSession.</summary>
    [Cmdlet(VerbsCommon.Get, "SsmDeviceSession", DefaultParameterSetName = "All")]
    [OutputType(typeof(DeviceSession))]
    public sealed class GetSsmDeviceSessionCommand : SsmCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Id")]
        public int[] Id { get; set; }

        /// <summary>Device names or addresses; wildcards allowed. Matches ComputerName or Hostname.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ComputerName", ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[] ComputerName { get; set; }

        protected override void ProcessRecord()
        {
            var sessions = DeviceSessionRegistry.All();
            if (Id != null)
            {
                foreach (var id in Id)
                {
                    var found = sessions.FirstOrDefault(s => s.Id == id);
                    if (found != null) WriteObject(found);
                    else WriteError(ErrorRecords.Create("DeviceSessionNotFound", ErrorCategory.ObjectNotFound,
                        $"No device session with Id {id} in this runspace.", "List the sessions with Get-SsmDeviceSession.", id));
                }
                return;
            }
            if (ComputerName != null)
            {
                foreach (var name in ComputerName)
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    var matches = sessions.Where(s => pattern.IsMatch(s.ComputerName) || (s.Hostname != null && pattern.IsMatch(s.Hostname))).ToList();
                    if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                        WriteError(ErrorRecords.Create("DeviceSessionNotFound", ErrorCategory.ObjectNotFound,
                            $"No device session to '{name}' in this runspace.", "Open one with New-SsmDeviceSession.", name));
                    foreach (var s in matches) WriteObject(s);
                }
                return;
            }
            foreach (var s in sessions) WriteObject(s);
        }
    }
}
