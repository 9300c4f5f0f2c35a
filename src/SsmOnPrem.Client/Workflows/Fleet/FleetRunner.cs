using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace SsmOnPrem.Client.Workflows.Fleet
{
    /// <summary>
    /// Runs one piece of work per device, at most <c>throttleLimit</c> at a time, and hands results back as each
    /// device finishes. Work runs on dedicated threads, not the thread pool: SSH.NET's connect and reads block a
    /// thread, and a starved pool would stall every session (DESIGN.md §6).
    /// The caller (a cmdlet) adds items as they arrive on the pipeline and drains results on its own thread,
    /// because only that thread may write to the PowerShell pipeline.
    /// A crash of the work delegate never loses the item: <c>onCrash</c> turns it into a result.
    /// </summary>
    public sealed class FleetRunner<TItem, TResult> : IDisposable
    {
        private readonly int _throttleLimit;
        private readonly Func<TItem, CancellationToken, TResult> _work;
        private readonly Func<TItem, Exception, TResult> _onCrash;
        private readonly CancellationToken _cancellation;
        private readonly BlockingCollection<TItem> _queue = new BlockingCollection<TItem>();
        private readonly BlockingCollection<TResult> _results = new BlockingCollection<TResult>();
        private readonly List<Thread> _workers = new List<Thread>();
        private int _added;
        private int _finished;
        private int _running;

        public FleetRunner(int throttleLimit, Func<TItem, CancellationToken, TResult> work,
            Func<TItem, Exception, TResult> onCrash, CancellationToken cancellation)
        {
            if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), "ThrottleLimit must be at least 1.");
            _throttleLimit = throttleLimit;
            _work = work ?? throw new ArgumentNullException(nameof(work));
            _onCrash = onCrash ?? throw new ArgumentNullException(nameof(onCrash));
            _cancellation = cancellation;
        }

        public int Added => Volatile.Read(ref _added);
        public int Finished => Volatile.Read(ref _finished);
        public int Running => Volatile.Read(ref _running);

        /// <summary>Queues a device; starts another worker thread if the throttle allows.</summary>
        public void Add(TItem item)
        {
            Interlocked.Increment(ref _added);
            _queue.Add(item);
            lock (_workers)
            {
                if (_workers.Count < _throttleLimit && _workers.Count < Added)
                {
                    var worker = new Thread(WorkLoop) { IsBackground = true, Name = "SsmOnPrem fleet worker " + _workers.Count };
                    _workers.Add(worker);
                    worker.Start();
                }
            }
        }

        /// <summary>No more devices will be added.</summary>
        public void CompleteAdding() => _queue.CompleteAdding();

        /// <summary>Results that are ready now, without waiting.</summary>
        public IEnumerable<TResult> TakeReady()
        {
            while (_results.TryTake(out var result)) yield return result;
        }

        /// <summary>Waits up to <paramref name="wait"/> for the next result; false when none came or all are done.</summary>
        public bool TryTake(out TResult result, TimeSpan wait)
        {
            try
            {
                return _results.TryTake(out result, wait);
            }
            catch (ObjectDisposedException)
            {
                result = default;
                return false;
            }
        }

        /// <summary>True once every added device has a result and all results were taken.</summary>
        public bool IsDone => _queue.IsAddingCompleted && Finished == Added && _results.Count == 0;

        private void WorkLoop()
        {
            try
            {
                foreach (var item in _queue.GetConsumingEnumerable())
                {
                    Interlocked.Increment(ref _running);
                    TResult result;
                    try
                    {
                        result = _work(item, _cancellation);
                    }
                    catch (Exception ex)
                    {
                        result = _onCrash(item, ex);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _running);
                    }
                    _results.Add(result);
                    Interlocked.Increment(ref _finished);
                }
            }
            catch (ObjectDisposedException)
            {
                // Disposed while stopping: the cmdlet has already emitted what it could.
            }
        }

        public void Dispose()
        {
            if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
        }
    }
}
