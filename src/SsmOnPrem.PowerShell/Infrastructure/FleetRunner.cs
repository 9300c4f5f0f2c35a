using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Ssh;
using SsmOnPrem.Client.Workflows.Fleet;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>What a device cmdlet tells the <see cref="FleetRunner"/> about how it runs (fixed for the whole run).</summary>
    public sealed class FleetRunnerSettings
    {
        /// <summary>How many devices run at once.</summary>
        public int Throttle { get; set; } = 1;
        /// <summary>True for New-SsmDeviceSession: sessions it opens are handed to the caller, not closed.</summary>
        public bool KeepsSessionOpen { get; set; }
        /// <summary>True: the work opens the session itself (<see cref="DeviceWork.OpenSession"/>), so a connection failure becomes part of its result.</summary>
        public bool WorkOpensSession { get; set; }
        /// <summary>True: devices are collected until <see cref="FleetRunner.Complete"/>, <see cref="BeforeRun"/> sees the count, then they run.</summary>
        public bool CollectDevicesFirst { get; set; }
        /// <summary>Called once on the pipeline thread before the first device runs (with the device count when collected first); false: run nothing.</summary>
        public Func<int, bool> BeforeRun { get; set; }
        /// <summary>Seconds between one-line summaries on the information stream; 0: none.</summary>
        public int SummaryIntervalSec { get; set; }
    }

    /// <summary>
    /// Runs a cmdlet's devices: each becomes a job on a dedicated worker thread (up to the throttle at once, never the
    /// thread pool), while everything it writes (objects, verbose, warnings, errors) is replayed on the pipeline thread
    /// as it happens, so results come out in completion order. It owns the sessions it opens (closed when a device's
    /// work ends unless they are handed out), the run's jump-host connections, cancellation (Ctrl+C, and a pipeline that
    /// ends early: <see cref="Dispose"/> cancels the devices still running and waits for them, so no work outlives the
    /// command) and progress: Write-Progress with done / failed / remaining and the stage counts, and where no progress
    /// bar is seen (-ProgressInterval) a summary line on the information stream. One device's failure is its own
    /// non-terminating error; the run goes on. Cmdlets use it, they do not inherit it (docs/ARCHITECTURE.md).
    /// </summary>
    public sealed class FleetRunner : IDisposable
    {
        private const int ProgressId = 0x55D;
        // How long disposal waits for cancelled devices to close their sessions (each notices within a read, <1 s).
        private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);
        // Write-Progress at most this often (a fleet of 10,000 fast devices must not spend its time drawing).
        private static readonly TimeSpan ProgressRedraw = TimeSpan.FromMilliseconds(250);

        private readonly SsmCmdlet _cmdlet;
        private readonly FleetRunnerSettings _settings;
        private readonly CancellationToken _stopping;
        private readonly string _activity;
        private readonly BlockingCollection<Action> _outputs = new BlockingCollection<Action>();
        private readonly List<DeviceJob> _collected = new List<DeviceJob>();
        private readonly FleetProgress _progress = new FleetProgress();
        private readonly RepeatedWarnings _warnings = new RepeatedWarnings();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private DeviceWorkerPool<DeviceJob, bool> _pool;
        private JumpHostPool _jumpHosts;
        private int _outstanding;
        private int _submitted;
        private bool _summaryWritten;
        private TimeSpan _lastDrawn = -ProgressRedraw;
        private TimeSpan _lastSummary;

        public FleetRunner(SsmCmdlet cmdlet, FleetRunnerSettings settings, CancellationToken stopping)
        {
            _cmdlet = cmdlet ?? throw new ArgumentNullException(nameof(cmdlet));
            _settings = settings ?? new FleetRunnerSettings();
            _stopping = stopping;
            _activity = cmdlet.MyInvocation?.MyCommand?.Name ?? "SsmOnPrem";
            VerboseWanted = cmdlet.VerboseWanted();
        }

        /// <summary>False when nobody reads this run's verbose stream: devices then skip their verbose messages (docs/performance.md).</summary>
        internal bool VerboseWanted { get; }

        /// <summary>The bastion connections of this run (one per jump host, shared by its devices), created on first use.</summary>
        public JumpHostPool JumpHosts => _jumpHosts ?? (_jumpHosts = new JumpHostPool());

        /// <summary>Hands a device given by connection options to the run (its work runs later, on a worker).</summary>
        public void Submit(DeviceConnectionOptions options, Action<DeviceSession, DeviceWork> work) =>
            Submit(new DeviceJob { Options = options, Target = options.ComputerName, Work = work });

        /// <summary>Hands a device given as an open session (-Session) to the run; the session stays the caller's.</summary>
        public void Submit(DeviceSession session, Action<DeviceSession, DeviceWork> work) =>
            Submit(new DeviceJob { Session = session, Target = session.ComputerName, Work = work });

        private void Submit(DeviceJob job)
        {
            if (_settings.CollectDevicesFirst) { _collected.Add(job); return; }
            if (_submitted == 0 && _settings.BeforeRun != null && !_settings.BeforeRun(0)) return;
            SubmitNow(job);
        }

        private void SubmitNow(DeviceJob job)
        {
            if (_pool == null) _pool = new DeviceWorkerPool<DeviceJob, bool>(_settings.Throttle, RunJob, _stopping);
            job.ProgressId = _progress.Add();
            Interlocked.Increment(ref _outstanding);
            _submitted++;
            _pool.Add(job);
        }

        /// <summary>Pipeline thread, between input records: writes what the devices produced meanwhile.</summary>
        public void RunPendingOutputs()
        {
            while (_outputs.TryTake(out var action)) action();
            ReportProgress(final: false);
            _pool?.NudgeHeapPacer(); // upstream commands and result writing allocate on this thread
        }

        /// <summary>EndProcessing: runs collected devices, then writes everything until the last device is done.</summary>
        public void Complete()
        {
            if (_settings.CollectDevicesFirst && _collected.Count > 0)
            {
                var ok = _settings.BeforeRun == null || _settings.BeforeRun(_collected.Count);
                if (ok) foreach (var job in _collected) SubmitNow(job);
                _collected.Clear();
                if (!ok) return;
            }
            if (_pool == null) { _jumpHosts?.Dispose(); return; }
            _pool.CompleteAdding();
            try
            {
                while (Volatile.Read(ref _outstanding) > 0)
                {
                    // Wake up now and then without output, so the summary line keeps its rhythm while devices wait.
                    if (_outputs.TryTake(out var action, 200, _stopping)) action();
                    ReportProgress(final: false);
                    _pool.NudgeHeapPacer();
                }
                RunPendingOutputs();
                foreach (var summary in _warnings.Summaries()) _cmdlet.WriteWarningNonBlocking(summary);
                ReportProgress(final: true);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the token already reached every worker; their sessions close as they notice.
            }
            finally
            {
                // The run lets go of its bastion connections; sessions still open (New-SsmDeviceSession) keep theirs.
                _jumpHosts?.Dispose();
            }
        }

        /// <summary>StopProcessing (Ctrl+C): running devices are cancelled, the bastion connections dropped.</summary>
        public void Stop()
        {
            _pool?.Cancel();
            _jumpHosts?.Dispose();
        }

        /// <summary>
        /// The pipeline is over, also after a terminating error: devices still running are cancelled and waited for (their
        /// sessions closed, what they finished already journalled), so nothing runs on after the command returned.
        /// The bastion connections go with it; sessions handed out (New-SsmDeviceSession) keep theirs.
        /// </summary>
        public void Dispose()
        {
            if (_pool != null && Volatile.Read(ref _outstanding) > 0) _pool.CancelAndWait(DrainTimeout);
            _jumpHosts?.Dispose();
        }

        internal void Post(Action action) => _outputs.Add(action);

        /// <summary>Pipeline thread: a device's warning, written unless many devices already gave the same one.</summary>
        internal void Warn(string target, string message)
        {
            if (_warnings.ShouldWrite(target, message)) _cmdlet.WriteWarningNonBlocking(message);
        }

        internal void MoveTo(DeviceJob job, string stage) => _progress.MoveTo(job.ProgressId, stage);

        // Pipeline thread, after each device.
        private void DeviceFinished(DeviceJob job, bool failed)
        {
            // The pool keeps each finished job until it is taken; a job still reaches its closed session (and all of
            // SSH.NET's buffers) through its options and opener, so an untaken fleet grew by ~0.25 MB per device.
            foreach (var _ in _pool.TakeCompleted()) { }
            Interlocked.Decrement(ref _outstanding);
            _progress.Finish(job.ProgressId, failed);
        }

        // Pipeline thread: the progress bar for fleets (not for one device), and the summary line where it is asked for.
        private void ReportProgress(bool final)
        {
            var now = _clock.Elapsed;
            if (final)
            {
                // The closing line only where lines were written during the run: a short run stays quiet.
                if (_summaryWritten) WriteSummary(_progress.Snapshot());
                if (_submitted > 1) _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _activity, "done") { RecordType = ProgressRecordType.Completed });
                return;
            }
            FleetProgressSnapshot snapshot = null;
            if (_settings.SummaryIntervalSec > 0 && now - _lastSummary >= TimeSpan.FromSeconds(_settings.SummaryIntervalSec))
            {
                _lastSummary = now;
                _summaryWritten = true;
                WriteSummary(snapshot = _progress.Snapshot());
            }
            if (_submitted < 2 || now - _lastDrawn < ProgressRedraw) return;
            _lastDrawn = now;
            snapshot = snapshot ?? _progress.Snapshot();
            _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _activity, snapshot.StatusText)
            {
                PercentComplete = snapshot.PercentComplete,
                CurrentOperation = snapshot.Stages.Count > 0 ? "at " + snapshot.StageText : null,
            });
        }

        private void WriteSummary(FleetProgressSnapshot snapshot) =>
            _cmdlet.WriteInformation(new InformationRecord(snapshot.SummaryLine(_activity), _activity) { Tags = { "SsmOnPrem.Progress" } });

        // Worker thread.
        private bool RunJob(DeviceJob job, CancellationToken cancellationToken)
        {
            var work = new DeviceWork(this, _cmdlet, job, cancellationToken);
            var session = job.Session;
            var owned = false;
            var failed = true;
            try
            {
                if (session == null)
                {
                    job.Options.Verbose = work.VerboseSink;
                    job.Options.Warning = work.WriteWarning;
                    if (_settings.WorkOpensSession)
                    {
                        work.Options = job.Options;
                        work.Opener = ct =>
                        {
                            MoveTo(job, FleetProgress.Connect);
                            session = DeviceSession.Open(job.Options, ct);
                            owned = !_settings.KeepsSessionOpen;
                            return session;
                        };
                    }
                    else
                    {
                        MoveTo(job, FleetProgress.Connect);
                        session = DeviceSession.Open(job.Options, cancellationToken);
                        owned = !_settings.KeepsSessionOpen;
                    }
                }
                // A given session (-Session) writes this command's verbose stream while it works for it.
                job.Session?.RouteVerbose(work.VerboseSink);
                if (!_settings.WorkOpensSession || job.Session != null) MoveTo(job, FleetProgress.Working);
                job.Work(session, work);
                failed = work.ErrorsWritten > 0;
            }
            catch (SsmOnPremException ex)
            {
                work.WriteError(ex);
            }
            catch (OperationCanceledException)
            {
                // Stopping: nothing to report.
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                work.WriteError(new SsmOnPremException("DeviceOperationFailed", SsmErrorKind.NotSpecified,
                    $"Unexpected failure on {job.Target}: {session?.Mask(ex.Message) ?? ex.Message}", "Run again with -Verbose and report the error if it persists.", ex));
            }
            finally
            {
                if (owned) session.Close();
                // A session that outlives this command (given, or kept by New-SsmDeviceSession) must not write to this
                // command's stream afterwards: nothing reads it any more, so its messages would pile up in our queue.
                else session?.RouteVerbose(null);
                // Nothing of a finished device needs its session any more, but its options and work object may still
                // be referenced for a while (a gcdump mid-run at -ThrottleLimit 64: 128 live SSH sessions without this, 64 with).
                work.Opener = null;
                if (job.Options != null) { job.Options.Verbose = null; job.Options.Warning = null; }
                _outputs.Add(() => DeviceFinished(job, failed));
            }
            return true;
        }

        internal sealed class DeviceJob
        {
            public DeviceSession Session;
            public DeviceConnectionOptions Options;
            public string Target;
            public Action<DeviceSession, DeviceWork> Work;
            public int ProgressId;
        }
    }
}
