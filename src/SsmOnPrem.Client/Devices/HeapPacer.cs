using System;
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
    /// </summary>
    internal sealed class HeapPacer : IDisposable
    {
        // 100 ms: a run allocates ~15 MB/s, so a 200 ms look let the heap overshoot its budget by a further ~3 MB.
        internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
        // 8 MB, not 16: 1,000 devices at concurrency 64 peaked at 119-124 MB PSS against 129-132 MB (3 interleaved runs
        // each), with the same CPU; a fleet run allocates ~15 MB/s, so this is about two collections a second of a
        // heap that holds 10-15 MB.
        internal const long MinimumBudgetBytes = 8L * 1024 * 1024;
        private readonly ManualResetEventSlim _stopped = new ManualResetEventSlim();
        private readonly Func<long> _heapBytes;
        private readonly Action _collect;
        private long _afterLast;

        internal HeapPacer() : this(() => GC.GetTotalMemory(false), CollectAndDecommit, Interval) { }

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

        /// <summary>For tests: how to read the heap size and how to collect, and the period (infinite: only <see cref="Tick"/>).</summary>
        internal HeapPacer(Func<long> heapBytes, Action collect, TimeSpan period)
        {
            _heapBytes = heapBytes;
            _collect = collect;
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
                try { Tick(); }
                // The pacer is an optimisation: a failure stops it, and never the process (an exception on this thread
                // would end the whole fleet run and lose its results).
                catch (Exception) { return; }
            }
        }

        /// <summary>Collections this pacer asked for.</summary>
        internal int Collections { get; private set; }

        internal long Budget => Math.Max(MinimumBudgetBytes, _afterLast / 2);

        /// <summary>One look at the heap (the pacer's thread only; tests call it directly when there is no thread).</summary>
        internal void Tick()
        {
            var now = _heapBytes();
            if (now < _afterLast) _afterLast = now; // the runtime collected by itself
            if (now - _afterLast < Budget) return;
            _collect();
            Collections++;
            _afterLast = _heapBytes();
        }

        public void Dispose() => _stopped.Set();
    }
}
