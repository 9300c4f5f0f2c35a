using System.Linq;
using System.Management.Automation;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Commands.Completion;

namespace SsmOnPrem.Commands
{
    /// <summary>Lists the local virtual accounts of the connection's local account.</summary>
    [Cmdlet(VerbsCommon.Get, "SsmVirtualAccount")]
    [OutputType(typeof(VirtualAccount))]
    public sealed class GetSsmVirtualAccountCommand : OnPremCmdlet
    {
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[] Name { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            if (!TryRun(connection, (c, ct) => c.GetVirtualAccountsAsync(ct), out var list)) return;
            var patterns = (Name ?? new[] { "*" }).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            foreach (var va in list.Where(v => patterns.Any(p => p.IsMatch(v.Name)))) WriteObject(va);
        }
    }

    /// <summary>Creates a local virtual account.</summary>
    [Cmdlet(VerbsCommon.New, "SsmVirtualAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(VirtualAccount))]
    public sealed class NewSsmVirtualAccountCommand : OnPremCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Description { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var call = new OnPremClient(connection).DescribeCreateVirtualAccount(Name, Description);
            if (!ShouldProcess(call, $"Create the local virtual account '{Name}' in '{connection.Account}'?", "New-SsmVirtualAccount")) return;
            if (TryRun(connection, (c, ct) => c.CreateVirtualAccountAsync(Name, Description, ct), out var created, Name)) WriteObject(created);
        }
    }

    /// <summary>Deletes a local virtual account (POST .../virtual-accounts/{va}/delete).</summary>
    [Cmdlet(VerbsCommon.Remove, "SsmVirtualAccount", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveSsmVirtualAccountCommand : OnPremCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(VirtualAccountCompleter))]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            string call;
            try { call = new OnPremClient(connection).DescribeRemoveVirtualAccount(Name); }
            catch (Client.Common.SsmOnPremException ex) { WriteSsmError(ex, Name); return; }
            if (!ShouldProcess(call, $"Delete the local virtual account '{Name}' of '{connection.Account}'? Its tokens stop working.", "Remove-SsmVirtualAccount")) return;
            TryRun(connection, async (c, ct) => { await c.RemoveVirtualAccountAsync(Name, ct).ConfigureAwait(false); return true; }, out _, Name);
        }
    }
}
