using System;
using System.Threading;
using SsmOnPrem.Client.Devices;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    public class HeapPacerTests
    {
        private const long MB = 1024 * 1024;

        [Fact]
        public void The_first_tick_collects_a_heap_past_the_minimum_budget_and_leaves_a_small_one_alone()
        {
            // What the heap holds when a run starts is unknown (a script's garbage): measured by the first collection.
            long heap = HeapPacer.MinimumBudgetBytes - MB;
            var collections = 0;
            using (var pacer = new HeapPacer(() => heap, () => { collections++; heap = 12 * MB; }, Timeout.InfiniteTimeSpan))
            {
                pacer.Tick();
                Assert.Equal(0, collections);
                heap = HeapPacer.MinimumBudgetBytes + 60 * MB;
                pacer.Tick();
                Assert.Equal(1, collections);
            }
        }

        [Fact]
        public void Collects_only_when_the_heap_grew_by_the_budget_since_the_last_collection()
        {
            long heap = 80 * MB;
            var collections = 0;
            using (var pacer = new HeapPacer(() => heap, () => { collections++; heap = 12 * MB; }, Timeout.InfiniteTimeSpan))
            {
                pacer.Tick();   // the first: 80 MB of unknown garbage
                Assert.Equal(1, collections);

                // The baseline is what survived (12 MB): growth is counted from there.
                heap = 12 * MB + HeapPacer.MinimumBudgetBytes - 1;
                pacer.Tick();
                Assert.Equal(1, collections);

                heap = 12 * MB + HeapPacer.MinimumBudgetBytes;
                pacer.Tick();
                Assert.Equal(2, collections);
                Assert.Equal(2, pacer.Collections);
            }
        }

        [Fact]
        public void A_large_heap_of_the_callers_own_gets_a_proportional_budget()
        {
            long heap = 1000 * MB;
            var collections = 0;
            using (var pacer = new HeapPacer(() => heap, () => collections++, Timeout.InfiniteTimeSpan))
            {
                pacer.Tick();   // the first collection finds all 1,000 MB alive
                Assert.Equal(1, collections);
                Assert.Equal(500 * MB, pacer.Budget);
                heap = 1400 * MB; // 400 MB of growth: less than half of what the caller holds
                pacer.Tick();
                Assert.Equal(1, collections);
            }
        }

        [Fact]
        public void A_collection_by_the_runtime_moves_the_baseline_down()
        {
            long heap = 40 * MB;
            var collections = 0;
            using (var pacer = new HeapPacer(() => heap, () => collections++, Timeout.InfiniteTimeSpan))
            {
                pacer.Tick();     // first tick: 40 MB alive
                heap = 20 * MB;   // the runtime collected
                pacer.Tick();
                Assert.Equal(1, collections);
                heap = 20 * MB + pacer.Budget - 1;   // growth counted from 20 MB, not from 40
                pacer.Tick();
                Assert.Equal(1, collections);
                heap = 20 * MB + pacer.Budget;
                pacer.Tick();
                Assert.Equal(2, collections);
            }
        }

        [Fact]
        public void A_failing_collection_stops_the_pacer_instead_of_ending_the_process()
        {
            // On the pacer thread an unhandled exception would end the process (and a fleet run with it).
            long heap = 0;
            var attempts = 0;
            using (var pacer = new HeapPacer(() => heap += HeapPacer.MinimumBudgetBytes,
                                             () => { Interlocked.Increment(ref attempts); throw new ArgumentOutOfRangeException("mode"); },
                                             TimeSpan.FromMilliseconds(10)))
            {
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (Volatile.Read(ref attempts) == 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);
                Thread.Sleep(200);   // twenty more periods: a live timer would try again
                Assert.Equal(1, Volatile.Read(ref attempts));
            }
        }

        [Fact]
        public void The_runtime_accepts_the_collection_the_pacer_asks_for()
        {
            // GCCollectionMode.Aggressive is a raw value for netstandard2.0; a wrong one throws only at run time.
            var before = GC.CollectionCount(GC.MaxGeneration);
            HeapPacer.CollectAndDecommit();
            Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
        }

        [Fact]
        public void The_worker_pool_paces_while_it_works_and_stops_when_its_last_worker_ends()
        {
            using (var release = new ManualResetEventSlim())
            using (var pool = new DeviceWorkerPool<int, int>(4, (i, ct) => { release.Wait(TimeSpan.FromSeconds(20)); return i; }, CancellationToken.None))
            {
                Assert.False(pool.PacingHeap);
                for (var i = 0; i < 4; i++) pool.Add(i);
                Assert.True(pool.PacingHeap);
                pool.CompleteAdding();
                release.Set();
                while (pool.TryTakeNext(out _, CancellationToken.None)) { }
                // Never disposed by some callers: the pacer must stop by itself when the workers are gone.
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (pool.PacingHeap && DateTime.UtcNow < deadline) Thread.Sleep(20);
                Assert.False(pool.PacingHeap);
            }
        }
    }
}
