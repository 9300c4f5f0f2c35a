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
        internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
        internal const long MinimumBudgetBytes = 16L * 1024 * 1024;
        private readonly Timer _timer;
        private readonly Func<long> _heapBytes;
        private readonly Action _collect;
        private long _afterLast;
        private int _busy;

        internal HeapPacer() : this(() => GC.GetTotalMemory(false), () => GC.Collect(2, GCCollectionMode.Forced, blocking: true), Interval) { }

        /// <summary>For tests: how to read the heap size and how to collect, and the period (infinite: only <see cref="Tick"/>).</summary>
        internal HeapPacer(Func<long> heapBytes, Action collect, TimeSpan period)
        {
            _heapBytes = heapBytes;
            _collect = collect;
            _afterLast = heapBytes();
            _timer = new Timer(_ => Tick(), null, period, period);
        }

        /// <summary>Collections this pacer asked for.</summary>
        internal int Collections { get; private set; }

        internal long Budget => Math.Max(MinimumBudgetBytes, Volatile.Read(ref _afterLast) / 2);

        internal void Tick()
        {
            if (Interlocked.Exchange(ref _busy, 1) == 1) return;
            try
            {
                var now = _heapBytes();
                if (now < _afterLast) _afterLast = now; // the runtime collected by itself
                if (now - _afterLast < Budget) return;
                _collect();
                Collections++;
                _afterLast = _heapBytes();
            }
            finally { Volatile.Write(ref _busy, 0); }
        }

        public void Dispose() => _timer.Dispose();
    }
}
