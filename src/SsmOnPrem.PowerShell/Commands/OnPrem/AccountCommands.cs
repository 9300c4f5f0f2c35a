using System.Linq;
using System.Management.Automation;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Commands.Completion;

namespace SsmOnPrem.Commands
{
    /// <summary>Lists the local accounts this API client sees, with their CSLU tenant URL.</summary>
    [Cmdlet(VerbsCommon.Get, "SsmAccount")]
    [OutputType(typeof(LocalAccount))]
    public sealed class GetSsmAccountCommand : OnPremCmdlet
    {
        /// <summary>Name or domain; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        public string[] Name { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            if (!TryRun(connection, (c, ct) => c.GetLocalAccountsAsync(ct), out var list)) return;
            var patterns = (Name ?? new[] { "*" }).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            foreach (var account in list.Where(a => patterns.Any(p => p.IsMatch(a.Name) || (a.Domain != null && p.IsMatch(a.Domain))))) WriteObject(account);
        }
    }

    /// <summary>Which SSM On-Prem API endpoints this server answers, probed with calls that change nothing.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "SsmOnPremApi")]
    [OutputType(typeof(ApiProbeResult))]
    public sealed class TestSsmOnPremApiCommand : OnPremCmdlet
    {
        /// <summary>The LVA whose tokens, devices and licenses are read (default: the connection's, else the server's default LVA).</summary>
        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(VirtualAccountCompleter))]
        [ValidateNotNullOrEmpty]
        public string VirtualAccount { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            if (!TryRun(connection, (c, ct) => c.ProbeApiAsync(VirtualAccount, ct), out var rows)) return;
            foreach (var row in rows) WriteObject(row);
        }
    }
}
