using System;
using System.Management.Automation.Host;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Whether anyone sees a progress bar: an interactive console does; -NonInteractive, redirected output, and hosts
    /// other than the console (Azure Automation's, a remoting or job host, an IDE's) do not, so there a fleet run writes
    /// a one-line summary to the information stream every -ProgressInterval seconds instead.
    /// </summary>
    public static class FleetHost
    {
        /// <summary>Seconds between summary lines where no progress bar is seen, unless -ProgressInterval says otherwise.</summary>
        public const int DefaultSummaryIntervalSec = 30;

        /// <summary>The interval to use: the one given (0: none), else the default where no progress bar is seen, else none.</summary>
        public static int SummaryIntervalSec(PSHost host, int? given) =>
            given ?? (ShowsProgressBar(host) ? 0 : DefaultSummaryIntervalSec);

        public static bool ShowsProgressBar(PSHost host)
        {
            if (!string.Equals(host?.Name, "ConsoleHost", StringComparison.Ordinal)) return false;
            try
            {
                if (Console.IsOutputRedirected) return false;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is PlatformNotSupportedException) { return false; }
            return !StartedNonInteractive(Environment.GetCommandLineArgs());
        }

        /// <summary>True when the process was started with -NonInteractive (or any prefix of it pwsh accepts, e.g. -noni).</summary>
        internal static bool StartedNonInteractive(string[] args)
        {
            if (args == null) return false;
            foreach (var arg in args)
            {
                if (string.IsNullOrEmpty(arg) || arg.Length < 5 || (arg[0] != '-' && arg[0] != '/')) continue;
                var name = "-" + arg.Substring(1).TrimStart('-');
                if (name.Length >= 5 && "-noninteractive".StartsWith(name, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }
    }
}
