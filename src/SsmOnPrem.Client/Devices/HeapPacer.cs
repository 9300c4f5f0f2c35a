using System;
using System.Diagnostics;
using System.Threading;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>
    /// Keeps a fleet run's managed heap near what it really holds. The runtime sizes its young-generation budget from
    /// the CPU cache the machine reports, and a VM may report a huge one (260 MB of L3 on the bench machine): the
    /// runtime then lets ~90 MB of garbage pile up before it collects at all, and a run's memory is mostly that. Every
    /// <see cref="Interval"/> this looks at the heap and, when it grew by more than the budget since the last
    /// collection, collects it whole: sessions live for seconds, so a young-only collection would promote them and
    /// let the old generation grow instead (measured: docs/performance.md). The budget grows with the heap (half of
    /// what survived the last collection, at least <see cref="MinimumBudgetBytes"/>), so a caller that keeps a large
    /// heap of its own is collected rarely, as the runtime itself would.
    /// The threads that allocate also look, at most every <see cref="NudgeInterval"/> between them: the pool's workers
    /// as they read (<see cref="NudgeFromWorker"/>), SSH.NET's listener threads as data arrives and the pipeline thread
    /// as it writes results (<see cref="Nudge"/>). With 64 sessions on 2 cores the pacer's own thread went up to 0.9 s
    /// between looks, and the heap grew by up to 15-21 MB over what survived against an 8 MB budget; with the nudges,
    /// up to 10-13 MB (docs/performance.md, "Round 5"). A thread that allocates is a thread that runs.
    /// </summary>
    internal sealed class HeapPacer : IDisposable
    {
        // 100 ms: a run allocates ~15 MB/s, so a 200 ms look let the heap overshoot its budget by a further ~3 MB.
        internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
        // 8 MB, not 16: 1,000 devices at concurrency 64 peaked at 119-124 MB PSS against 129-132 MB (3 interleaved runs
        // each), with the same CPU; a fleet run allocates ~15 MB/s, so this is about two collections a second of a
        // heap that holds 10-15 MB.
        internal const long MinimumBudgetBytes = 8L * 1024 * 1024;
        // 20 ms: at ~15 MB/s that is ~0.3 MB of growth between looks, against a budget of 8 MB.
        internal static readonly TimeSpan NudgeInterval = TimeSpan.FromMilliseconds(20);
        private readonly long _nudgeIntervalTicks;
        [ThreadStatic] private static HeapPacer t_workersPacer;
        private long _lastLook; // Stopwatch ticks
        private readonly ManualResetEventSlim _stopped = new ManualResetEventSlim();
        private readonly Func<long> _heapBytes;
        private readonly Action _collect;
        private long _afterLast;

        internal HeapPacer() : this(() => GC.GetTotalMemory(false), CollectAndDecommit, Interval, NudgeInterval) { }

        // GCCollectionMode.Aggressive (.NET 7+, value 3): a full compacting collection that also returns the freed
        // memory to the OS. A plain full collection keeps the freed young-generation regions committed for the next
        // budget, so the process stayed almost as large as without the pacer (400 devices at concurrency 64: peak PSS
        // 168 MB plain, 134 MB aggressive, same CPU within noise). .NET Framework (Windows PowerShell 5.1) and
        // .NET 6 reject the value; they get the plain full collection.
        private static readonly bool CanDecommit = Environment.Version.Major >= 7;
        private const GCCollectionMode Aggressive = (GCCollectionMode)3;

        internal static void CollectAndDecommit()
        {
            if (CanDecommit) GC.Collect(GC.MaxGeneration, Aggressive, blocking: true, compacting: true);
            else GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        }

        /// <summary>For tests: as below, with the product's <see cref="NudgeInterval"/>.</summary>
        internal HeapPacer(Func<long> heapBytes, Action collect, TimeSpan period) : this(heapBytes, collect, period, NudgeInterval) { }

        /// <summary>
        /// For tests: how to read the heap size and how to collect, the period (infinite: no pacer thread, only
        /// <see cref="Tick"/> and nudges) and the least time between two looks by nudges.
        /// </summary>
        internal HeapPacer(Func<long> heapBytes, Action collect, TimeSpan period, TimeSpan nudgeInterval)
        {
            _heapBytes = heapBytes;
            _collect = collect;
            _nudgeIntervalTicks = (long)(nudgeInterval.TotalSeconds * Stopwatch.Frequency);
            _lastLook = Stopwatch.GetTimestamp() - _nudgeIntervalTicks; // the first nudge looks
            // Nothing is known yet of what the heap really holds (a script may have just read a 1,000-device CSV and
            // left it all as garbage): the first tick collects if the heap is past the minimum budget at all.
            _afterLast = 0;
            if (period == Timeout.InfiniteTimeSpan) return;
            // Its own thread, not a thread-pool timer: when 64 sessions start at once the pool is starved for seconds
            // (blocking connects), a timer callback waited that long, and the run's peak came before the first tick.
            new Thread(() => Run(period)) { IsBackground = true, Name = "SsmOnPrem heap pacer" }.Start();
        }

        private void Run(TimeSpan period)
        {
            while (!_stopped.Wait(period))
            {
                if (!TryTick(force: true)) return;
            }
        }

        /// <summary>Makes <see cref="NudgeFromWorker"/> on the calling thread look at this pacer (null: at none).</summary>
        internal static void ServeThisThread(HeapPacer pacer) => t_workersPacer = pacer;

        /// <summary>
        /// A look at the heap from a worker thread, when nobody looked in the last <see cref="NudgeInterval"/>. Costs a
        /// thread-static read and a clock read otherwise, so it may be called on every read of a session.
        /// </summary>
        internal static void NudgeFromWorker() => t_workersPacer?.Nudge();

        /// <summary>The pacer this thread serves, for work it hands to other threads (null: none).</summary>
        internal static HeapPacer OfThisThread => t_workersPacer;

        /// <summary>As <see cref="NudgeFromWorker"/>, from any thread that works for this pacer's run.</summary>
        internal void Nudge() => TryTick(force: false);

        // A look from any thread (unless a look was taken within the interval and this is not the pacer's own tick);
        // false once the pacer failed or was stopped.
        private bool TryTick(bool force)
        {
            var started = Stopwatch.GetTimestamp();
            if (!force && started - Volatile.Read(ref _lastLook) < _nudgeIntervalTicks) return true;
            if (_stopped.IsSet) return false;
            Volatile.Write(ref _lastLook, started); // the others skip their looks for the next interval
            try
            {
                Tick();
                return true;
            }
            // The pacer is an optimisation: a failure stops it, and never the process (an exception on the pacer's
            // thread would end the whole fleet run, and on a worker it would fail a device that is fine).
            catch (Exception)
            {
                _stopped.Set();
                return false;
            }
        }

        /// <summary>Collections this pacer asked for.</summary>
        internal int Collections => Volatile.Read(ref _collections);
        private int _collections;
        private int _collecting; // 1 while a thread collects

        internal long Budget => BudgetAbove(Interlocked.Read(ref _afterLast));

        private static long BudgetAbove(long afterLast) => Math.Max(MinimumBudgetBytes, afterLast / 2);

        /// <summary>One look at the heap, from any thread (tests call it directly when there is no pacer thread).</summary>
        internal void Tick()
        {
            var now = _heapBytes();
            var afterLast = Interlocked.Read(ref _afterLast);
            if (now < afterLast)
            {
                Interlocked.CompareExchange(ref _afterLast, now, afterLast); // the runtime collected by itself
                return;
            }
            if (now - afterLast < BudgetAbove(afterLast)) return;
            // One collection at a time, decided without a lock: a thread holding a lock can be descheduled (130 threads
            // on 2 cores), and every other look would be skipped for as long. A thread that finds a collection just
            // done (the baseline moved) leaves it at that.
            if (Interlocked.CompareExchange(ref _collecting, 1, 0) != 0) return;
            try
            {
                if (Interlocked.Read(ref _afterLast) != afterLast) return;
                _collect();
                Interlocked.Increment(ref _collections);
                Interlocked.Exchange(ref _afterLast, _heapBytes());
            }
            finally
            {
                Volatile.Write(ref _collecting, 0);
            }
        }

        public void Dispose() => _stopped.Set();
    }
}
