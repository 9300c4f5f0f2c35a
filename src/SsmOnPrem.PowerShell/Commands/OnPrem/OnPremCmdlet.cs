using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Base of the On-Prem cmdlets: -Connection (or the runspace default), and running an engine call while its
    /// (already masked) log lines are written to -Verbose / -Debug from the pipeline thread as they arrive.
    /// Never declare a type here that derives from or implements an engine type (see BufferedOnPremLog).
    /// </summary>
    public abstract class OnPremCmdlet : OnPremEngineCmdlet
    {
        /// <summary>The connection to use; default: the one Connect-SsmOnPrem stored for this session.</summary>
        [Parameter]
        [ValidateNotNull]
        public OnPremConnection Connection { get; set; }

        protected OnPremConnection ResolveConnection()
        {
            var connection = Connection ?? OnPremSessions.Current;
            if (connection != null) return connection;
            ThrowSsmError(new SsmOnPremException(OnPremErrorIds.NotConnected, SsmErrorKind.InvalidOperation,
                "Not connected to SSM On-Prem.", "Run Connect-SsmOnPrem first, or pass -Connection."));
            return null;
        }

        /// <summary>Engine call with the usual error handling: SsmOnPremException -> non-terminating error; Ctrl+C -> stop quietly.</summary>
        protected bool TryRun<T>(OnPremConnection connection, Func<OnPremClient, CancellationToken, Task<T>> operation, out T result, object target = null)
        {
            result = default;
            try
            {
                result = RunClient(connection, operation);
                return true;
            }
            catch (SsmOnPremException ex)
            {
                WriteSsmError(ex, target);
            }
            catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
            {
            }
            return false;
        }
    }

    /// <summary>Running engine calls from a cmdlet (no parameters): the base of Connect-SsmOnPrem and of <see cref="OnPremCmdlet"/>.</summary>
    public abstract class OnPremEngineCmdlet : SsmCmdlet
    {
        /// <summary>Runs an engine call; engine errors are rethrown as <see cref="SsmOnPremException"/>.</summary>
        protected T RunEngine<T>(Func<string, string> mask, Func<IOnPremLog, CancellationToken, Task<T>> operation)
        {
            var log = new BufferedOnPremLog();
            var task = Task.Run(() => operation(log, CancellationToken));
            while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(50)) Drain(log, mask);
            Drain(log, mask);
            return task.GetAwaiter().GetResult();
        }

        protected T RunClient<T>(OnPremConnection connection, Func<OnPremClient, CancellationToken, Task<T>> operation) =>
            RunEngine(connection.Mask, (log, ct) => operation(new OnPremClient(connection, log), ct));

        private void Drain(BufferedOnPremLog log, Func<string, string> mask)
        {
            while (log.TryTake(out var isDebug, out var message))
            {
                // Server text may carry escape sequences or C1 controls: never to the console (docs/SECURITY.md).
                var text = SsmOnPrem.Client.Common.ConsoleText.Clean(mask == null ? message : mask(message));
                if (isDebug) WriteDebug(text); else WriteVerbose(text);
            }
        }
    }
}
