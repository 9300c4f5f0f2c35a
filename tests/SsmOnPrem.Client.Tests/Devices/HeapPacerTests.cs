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
        public void Collects_only_when_the_heap_grew_by_the_budget_since_the_last_collection()
        {
            long heap = 10 * MB;
            var collections = 0;
            using (var pacer = new HeapPacer(() => heap, () => { collections++; heap = 12 * MB; }, Timeout.InfiniteTimeSpan))
            {
                heap = 10 * MB + HeapPacer.MinimumBudgetBytes - 1;
                pacer.Tick();
                Assert.Equal(0, collections);

                heap = 10 * MB + HeapPacer.MinimumBudgetBytes;
                pacer.Tick();
                Assert.Equal(1, collections);

                // The baseline is what survived (12 MB): growth is counted from there.
                heap = 12 * MB + HeapPacer.MinimumBudgetBytes - 1;
                pacer.Tick();
                Assert.Equal(1, collections);
                Assert.Equal(1, pacer.Collections);
            }
        }

        [Fact]
        public void A_large_heap_of_the_callers_own_gets_a_proportional_budget()
        {
            long heap = 1000 * MB;
            var collections = 0;
            using (var pacer = new HeapPacer(() => heap, () => collections++, Timeout.InfiniteTimeSpan))
            {
                Assert.Equal(500 * MB, pacer.Budget);
                heap = 1400 * MB; // 400 MB of growth: less than half of what the caller holds
                pacer.Tick();
                Assert.Equal(0, collections);
            }
        }

        [Fact]
        public void A_collection_by_the_runtime_moves_the_baseline_down()
        {
            long heap = 40 * MB;
            var collections = 0;
            using (var pacer = new HeapPacer(() => heap, () => collections++, Timeout.InfiniteTimeSpan))
            {
                heap = 20 * MB;   // the runtime collected
                pacer.Tick();
                heap = 20 * MB + HeapPacer.MinimumBudgetBytes;
                pacer.Tick();
                Assert.Equal(1, collections);
            }
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
