using System;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>What a device job may do from its worker thread; everything is replayed on the pipeline thread by the <see cref="FleetRunner"/>.</summary>
    public sealed class DeviceWork
    {
        private readonly FleetRunner _runner;
        private readonly SsmCmdlet _cmdlet;
        private readonly FleetRunner.DeviceJob _job;

        internal DeviceWork(FleetRunner runner, SsmCmdlet cmdlet, FleetRunner.DeviceJob job, CancellationToken cancellationToken)
        {
            _runner = runner;
            _cmdlet = cmdlet;
            _job = job;
            Target = job.Target;
            CancellationToken = cancellationToken;
        }

        public string Target { get; }
        public CancellationToken CancellationToken { get; }

        /// <summary>Connection options of a device given by parameters (null for -Session).</summary>
        public DeviceConnectionOptions Options { get; internal set; }

        internal Func<CancellationToken, DeviceSession> Opener { get; set; }

        /// <summary>Opens the session (cmdlets whose work opens it); the runner closes it when the work ends.</summary>
        public DeviceSession OpenSession(CancellationToken cancellationToken) =>
            (Opener ?? throw new InvalidOperationException("This device came with a session.")).Invoke(cancellationToken);

        /// <summary>The stage this device is at now (the registration's Identify, Transport, ... Verify), counted in the run's progress.</summary>
        public void ReportStage(string stage) => _runner.MoveTo(_job, stage);

        /// <summary>Runs a function on the pipeline thread (ShouldProcess with the exact lines, for instance) and waits for its answer.</summary>
        public T OnPipelineThread<T>(Func<T> function)
        {
            var answered = new ManualResetEventSlim(false);
            var value = default(T);
            Exception error = null;
            _runner.Post(() =>
            {
                try { value = function(); }
                catch (Exception ex) { error = ex; }
                finally { answered.Set(); }
            });
            answered.Wait(CancellationToken);
            if (error != null) throw error;
            return value;
        }

        public void WriteObject(object value) => _runner.Post(() => _cmdlet.WriteObject(value));

        /// <summary>Runs an action on the pipeline thread (e.g. to register a session in the runspace).</summary>
        public void OnPipelineThread(Action action) => _runner.Post(action);

        // Text that may quote a device or server: escape sequences and C0/C1 controls never reach the console. Nothing is
        // handed over when nobody reads verbose output: each hand-over wakes the pipeline thread.
        public void WriteVerbose(string message)
        {
            if (_runner.VerboseWanted) _runner.Post(() => _cmdlet.WriteVerbose(ConsoleText.Clean(message)));
        }

        /// <summary>Where a session's verbose messages go for this device: <see cref="WriteVerbose"/>, or nowhere when nobody reads them.</summary>
        internal Action<string> VerboseSink => _runner.VerboseWanted ? WriteVerbose : (Action<string>)null;

        /// <summary>A warning about this device; after a few devices with the same warning the rest are summed up at the end.</summary>
        public void WriteWarning(string message) => _runner.Post(() => _runner.Warn(Target, ConsoleText.Clean(message)));

        public void WriteError(SsmOnPremException ex)
        {
            Interlocked.Increment(ref _errors);
            _runner.Post(() => _cmdlet.WriteError(ErrorRecords.From(ex, ex.Target ?? Target)));
        }

        private int _errors;

        /// <summary>Non-terminating errors this device's job wrote (a device with any counts as failed in the progress).</summary>
        public int ErrorsWritten => Volatile.Read(ref _errors);
    }
}
