using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>
    /// Runs device work items on up to N dedicated threads (not thread-pool threads: SSH.NET's Connect and our reads
    /// block, and hundreds of blocked pool threads would starve everything else in the process). Results come back
    /// through <see cref="TakeCompleted"/> on the caller's thread, in completion order, so a cmdlet can write them to
    /// the pipeline as each device finishes. A finished result is held until it is taken, so a caller must take them
    /// all (results hold their inputs, and a device's input may reach its whole session).
    /// </summary>
    public sealed class DeviceWorkerPool<TIn, TOut> : IDisposable
    {
        private readonly BlockingCollection<TIn> _queue = new BlockingCollection<TIn>();
        private readonly BlockingCollection<WorkResult<TIn, TOut>> _done = new BlockingCollection<WorkResult<TIn, TOut>>();
        private readonly List<Thread> _threads = new List<Thread>();
        private readonly Func<TIn, CancellationToken, TOut> _work;
        private readonly CancellationTokenSource _cancel;
        private readonly int _limit;
        private int _pending;
        private HeapPacer _pacer;
        private int _liveWorkers;

        public DeviceWorkerPool(int throttleLimit, Func<TIn, CancellationToken, TOut> work, CancellationToken cancellationToken)
        {
            _limit = Math.Max(1, throttleLimit);
            _work = work ?? throw new ArgumentNullException(nameof(work));
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        /// <summary>Items queued or running.</summary>
        public int Pending => Volatile.Read(ref _pending);

        /// <summary>Threads started so far (at most the throttle limit).</summary>
        public int ThreadCount { get { lock (_threads) return _threads.Count; } }

        public void Add(TIn item)
        {
            Interlocked.Increment(ref _pending);
            _queue.Add(item);
            lock (_threads)
            {
                // A thread per pending item up to the limit: a run of 3 devices never creates 64 threads.
                if (Volatile.Read(ref _pending) <= _threads.Count || _threads.Count >= _limit) return;
                if (_pacer == null) _pacer = new HeapPacer(); // docs/performance.md
                var thread = new Thread(Worker) { IsBackground = true, Name = "SsmOnPrem device worker " + (_threads.Count + 1) };
                _threads.Add(thread);
                Interlocked.Increment(ref _liveWorkers);
                thread.Start();
            }
        }

        /// <summary>Says no more items will come: workers end when the queue is empty.</summary>
        public void CompleteAdding() => _queue.CompleteAdding();

        /// <summary>Finished results available now, without waiting.</summary>
        public IEnumerable<WorkResult<TIn, TOut>> TakeCompleted()
        {
            while (_done.TryTake(out var result)) yield return result;
        }

        /// <summary>Waits for the next finished result; false when nothing is pending any more.</summary>
        public bool TryTakeNext(out WorkResult<TIn, TOut> result, CancellationToken cancellationToken)
        {
            result = null;
            if (Pending == 0 && _done.Count == 0) return false;
            try
            {
                // A worker adds its result before it counts itself done, so between the two a caller that has taken
                // every result still sees one pending: a plain Take() would then wait forever (seen under Mono).
                // Waiting in short slices and re-checking closes that window.
                while (!_done.TryTake(out result, 50, cancellationToken))
                {
                    if (Pending == 0 && _done.Count == 0) return false;
                }
                return true;
            }
            catch (OperationCanceledException)
            {
                _cancel.Cancel();
                throw;
            }
        }

        /// <summary>Cancels running work (sessions are closed by their owners as the token trips).</summary>
        public void Cancel() => _cancel.Cancel();

        /// <summary>
        /// Cancels queued and running work and waits, up to <paramref name="timeout"/> in all, for every worker thread to
        /// end (a caller that is going away must not leave devices being worked on). True when all ended in time.
        /// </summary>
        public bool CancelAndWait(TimeSpan timeout)
        {
            _cancel.Cancel();
            _pacer?.Dispose();
            try { _queue.CompleteAdding(); } catch (ObjectDisposedException) { }
            var deadline = DateTime.UtcNow + timeout;
            Thread[] threads;
            lock (_threads) threads = _threads.ToArray();
            var all = true;
            foreach (var t in threads)
            {
                var left = deadline - DateTime.UtcNow;
                if (!t.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero)) all = false;
            }
            return all;
        }

        private void Worker()
        {
            HeapPacer pacer;
            lock (_threads) pacer = _pacer;
            HeapPacer.ServeThisThread(pacer); // the session's reads on this thread nudge it (HeapPacer.NudgeFromWorker)
            try { Work(); }
            finally
            {
                HeapPacer.ServeThisThread(null);
                // The last worker out stops the pacer: the pool is not always disposed, and a pacer left running would
                // keep collecting in the caller's session after the run.
                if (Interlocked.Decrement(ref _liveWorkers) == 0) lock (_threads) { _pacer?.Dispose(); _pacer = null; }
            }
        }

        /// <summary>A look at the heap from the caller's thread, as it writes results (see <see cref="HeapPacer.Nudge"/>).</summary>
        public void NudgeHeapPacer() => Volatile.Read(ref _pacer)?.Nudge();

        /// <summary>True while a heap pacer runs (from the first worker until the last one ends).</summary>
        internal bool PacingHeap { get { lock (_threads) return _pacer != null; } }

        private void Work()
        {
            while (true)
            {
                TIn item;
                try
                {
                    if (!_queue.TryTake(out item, Timeout.Infinite, _cancel.Token)) return;
                }
                catch (OperationCanceledException)
                {
                    DrainCancelled();
                    return;
                }

                WorkResult<TIn, TOut> result;
                try
                {
                    result = new WorkResult<TIn, TOut>(item, _work(item, _cancel.Token), null);
                }
                catch (Exception ex)
                {
                    result = new WorkResult<TIn, TOut>(item, default(TOut), ex);
                }
                _done.Add(result);
                Interlocked.Decrement(ref _pending);
                HeapPacer.NudgeFromWorker();
            }
        }

        // After cancellation every queued item still gets a result, so the caller's accounting adds up.
        private void DrainCancelled()
        {
            while (_queue.TryTake(out var item))
            {
                _done.Add(new WorkResult<TIn, TOut>(item, default(TOut), new OperationCanceledException()));
                Interlocked.Decrement(ref _pending);
            }
        }

        public void Dispose()
        {
            _pacer?.Dispose();
            _cancel.Cancel();
            _queue.CompleteAdding();
            lock (_threads) foreach (var t in _threads) t.Join(TimeSpan.FromSeconds(5));
            _cancel.Dispose();
        }
    }

    public sealed class WorkResult<TIn, TOut>
    {
        public WorkResult(TIn input, TOut output, Exception error)
        {
            Input = input;
            Output = output;
            Error = error;
        }

        public TIn Input { get; }
        public TOut Output { get; }
        public Exception Error { get; }
    }
}
