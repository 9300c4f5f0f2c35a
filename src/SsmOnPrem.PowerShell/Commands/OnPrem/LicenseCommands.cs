using System.Management.Automation;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Commands.Completion;

namespace SsmOnPrem.Commands
{
    /// <summary>The licenses of a local virtual account: name, status (e.g. "Out Of Compliance") and counts.</summary>
    [Cmdlet(VerbsCommon.Get, "SsmLicense")]
    [OutputType(typeof(License))]
    public sealed class GetSsmLicenseCommand : OnPremCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VirtualAccountCompleter))]
        [ValidateNotNullOrEmpty]
        public string VirtualAccount { get; set; }

        /// <summary>Only licenses whose status is not "In Compliance".</summary>
        [Parameter]
        public SwitchParameter OutOfCompliance { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (!TryRun(connection, (c, ct) => c.GetLicensesAsync(VirtualAccount, ct), out var list, VirtualAccount)) return;
            foreach (var license in list)
            {
                if (OutOfCompliance && string.Equals(license.Status, "In Compliance", System.StringComparison.OrdinalIgnoreCase)) continue;
                WriteObject(license);
            }
        }
    }

    /// <summary>Moves product instances (piped from Get-SsmProductInstance) to another local virtual account.</summary>
    [Cmdlet(VerbsCommon.Move, "SsmProductInstance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ProductInstance))]
    public sealed class MoveSsmProductInstanceCommand : OnPremCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true, Position = 0)]
        [ValidateNotNull]
        public ProductInstance InputObject { get; set; }

        [Parameter(Mandatory = true)]
        [ArgumentCompleter(typeof(VirtualAccountCompleter))]
        [ValidateNotNullOrEmpty]
        public string TargetVirtualAccount { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            string call;
            try { call = new OnPremClient(connection).DescribeMoveProductInstance(InputObject, TargetVirtualAccount); }
            catch (Client.Common.SsmOnPremException ex) { WriteSsmError(ex, InputObject.ToString()); return; }
            if (!ShouldProcess(call, $"Move '{InputObject}' (serial {InputObject.SerialNumber}) from '{InputObject.VirtualAccount}' to '{TargetVirtualAccount}'?", "Move-SsmProductInstance")) return;
            if (TryRun(connection, (c, ct) => c.MoveProductInstanceAsync(InputObject, TargetVirtualAccount, ct), out var moved, InputObject.ToString())) WriteObject(moved);
        }
    }
}
