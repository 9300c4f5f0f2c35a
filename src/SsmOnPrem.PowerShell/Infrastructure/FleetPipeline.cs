using System;
using System.Management.Automation;
using System.Threading;
using SsmOnPrem.Client.Workflows.Fleet;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// The PowerShell side of a fleet run, shared by every device cmdlet that takes -ThrottleLimit:
    /// devices are queued from ProcessRecord, run concurrently by <see cref="FleetRunner{TItem,TResult}"/>, and
    /// each result is handed to <c>emit</c> on the pipeline thread (the only thread allowed to write output) as soon
    /// as it is ready. Progress shows done / failed / remaining. Ctrl+C cancels the shared token; results that
    /// finish while stopping are still emitted where PowerShell allows.
    /// </summary>
    internal sealed class FleetPipeline<TItem, TResult> : IDisposable
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
        private readonly SsmCmdlet _cmdlet;
        private readonly FleetRunner<TItem, TResult> _runner;
        private readonly Action<TResult> _emit;
        private readonly Func<TResult, bool> _isFailure;
        private readonly string _activity;
        private readonly int _activityId;
        private int _failed;

        internal FleetPipeline(SsmCmdlet cmdlet, string activity, int throttleLimit,
            Func<TItem, CancellationToken, TResult> work, Func<TItem, Exception, TResult> onCrash,
            Action<TResult> emit, Func<TResult, bool> isFailure, CancellationToken cancellation)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _activityId = Math.Abs(activity.GetHashCode() % 10000) + 1;
            _emit = emit;
            _isFailure = isFailure;
            _runner = new FleetRunner<TItem, TResult>(throttleLimit, work, onCrash, cancellation);
        }

        internal int Added => _runner.Added;

        /// <summary>Call from ProcessRecord: queue the device and emit whatever has finished meanwhile.</summary>
        internal void Add(TItem item)
        {
            _runner.Add(item);
            EmitReady();
        }

        /// <summary>Call from EndProcessing: wait for every device, emitting results as they finish.</summary>
        internal void Complete()
        {
            _runner.CompleteAdding();
            while (!_runner.IsDone)
            {
                if (_runner.TryTake(out var result, PollInterval)) Emit(result);
                WriteProgress();
            }
            EmitReady();
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void EmitReady()
        {
            foreach (var result in _runner.TakeReady()) Emit(result);
        }

        private void Emit(TResult result)
        {
            if (_isFailure(result)) _failed++;
            _emit(result);
        }

        private void WriteProgress()
        {
            var total = Math.Max(_runner.Added, 1);
            var done = _runner.Finished;
            var status = $"{done} of {_runner.Added} done, {_failed} failed, {_runner.Running} in progress";
            _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, status)
            {
                PercentComplete = Math.Min(100, done * 100 / total),
            });
        }

        public void Dispose() => _runner.Dispose();
    }
}
