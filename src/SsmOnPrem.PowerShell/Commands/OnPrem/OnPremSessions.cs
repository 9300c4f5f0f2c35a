using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using SsmOnPrem.Client.OnPrem;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// The default On-Prem connection of each runspace (set by Connect-SsmOnPrem, used when -Connection is not given).
    /// Keyed by runspace so parallel runspaces (ForEach-Object -Parallel, runbooks) never share or clobber one.
    /// </summary>
    internal static class OnPremSessions
    {
        private sealed class Holder { internal OnPremConnection Connection; }
        private static readonly ConditionalWeakTable<Runspace, Holder> Defaults = new ConditionalWeakTable<Runspace, Holder>();

        internal static OnPremConnection Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace != null && Defaults.TryGetValue(runspace, out var holder) ? holder.Connection : null;
            }
        }

        /// <summary>Replaces the default connection; returns the previous one (the caller disposes it).</summary>
        internal static OnPremConnection Set(OnPremConnection connection)
        {
            var holder = Defaults.GetValue(Runspace.DefaultRunspace, _ => new Holder());
            var previous = holder.Connection;
            holder.Connection = connection;
            return previous;
        }
    }
}
