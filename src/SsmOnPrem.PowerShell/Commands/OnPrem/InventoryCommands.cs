using System.Management.Automation;
using SsmOnPrem.Client.OnPrem;

namespace SsmOnPrem.Commands
{
    /// <summary>The device-facing URL of a transport for a local virtual account.</summary>
    [Cmdlet(VerbsCommon.Get, "SsmTransportUrl")]
    [OutputType(typeof(TransportUrl))]
    public sealed class GetSsmTransportUrlCommand : OnPremCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string VirtualAccount { get; set; }

        // An int backing field: PowerShell lays this class out before the engine assembly (which defines the enum) can load.
        private int _type;

        [Parameter]
        public TransportType Type { get => (TransportType)_type; set => _type = (int)value; }

        /// <summary>The number after the last '-' of the CSLU Transport URL (or that URL's last part, or the whole URL).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TenantId { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (TryRun(connection, (c, ct) => c.GetTransportUrlAsync(Type, VirtualAccount, TenantId, ct), out var url, VirtualAccount)) WriteObject(url);
        }
    }

    /// <summary>Product instances as SSM On-Prem sees them, with their last report and alerts.</summary>
    [Cmdlet(VerbsCommon.Get, "SsmProductInstance")]
    [OutputType(typeof(ProductInstance))]
    public sealed class GetSsmProductInstanceCommand : OnPremCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string VirtualAccount { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Hostname")]
        public string Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SerialNumber { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (!TryRun(connection, (c, ct) => c.GetProductInstancesAsync(VirtualAccount, Name, SerialNumber, ct), out var list, VirtualAccount)) return;
            foreach (var pi in list) WriteObject(pi);
        }
    }

    /// <summary>Starts (or with -StatusOnly, reads) the SSM On-Prem to Cisco (CSSM) synchronization where the server exposes it.</summary>
    [Cmdlet(VerbsData.Sync, "SsmOnPrem", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SynchronizationStatus))]
    public sealed class SyncSsmOnPremCommand : OnPremCmdlet
    {
        [Parameter]
        public SwitchParameter StatusOnly { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            if (!StatusOnly && !ShouldProcess(new OnPremClient(connection).DescribeSynchronize(), $"Synchronize '{connection.Account}' with Cisco (CSSM)?", "Sync-SsmOnPrem")) return;
            if (TryRun(connection, (c, ct) => c.SynchronizeAsync(!StatusOnly, ct), out var status, connection.Account)) WriteObject(status);
        }
    }
}
