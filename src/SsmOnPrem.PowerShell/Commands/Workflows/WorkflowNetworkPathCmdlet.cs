using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Base of the workflow cmdlets whose traffic from the device to On-Prem can be steered: -SourceInterface and -Vrf,
    /// checked once before any device is connected (not per device on the way to the CLI).
    /// </summary>
    public abstract class WorkflowNetworkPathCmdlet : WorkflowDeviceCmdlet
    {
        /// <summary>Interface whose address the device uses as the source of its HTTPS calls (and of the ping).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SourceInterface { get; set; }

        /// <summary>VRF the device reaches On-Prem through (and pings in).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Vrf { get; set; }

        /// <summary>Throws (terminating) when -SourceInterface or -Vrf cannot be a CLI argument.</summary>
        protected void ValidateNetworkPath()
        {
            try
            {
                if (SourceInterface != null) CliArgument.InterfaceName(SourceInterface, "-SourceInterface");
                if (Vrf != null) CliArgument.Name(Vrf, "-Vrf");
            }
            catch (SsmOnPremException ex) { ThrowSsmError(ex); }
        }
    }
}
