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

        [Fact]
        public void A_worker_thread_that_serves_the_pacer_collects_when_the_heap_grew_past_the_budget()
        {
            long heap = 12 * MB;
            var collections = 0;
            using (var pacer = new HeapPacer(() => heap, () => { collections++; heap = 12 * MB; }, Timeout.InfiniteTimeSpan, TimeSpan.Zero))
            {
                pacer.Tick(); // baseline: 12 MB alive
                Assert.Equal(1, collections);
                RunOnThreadServing(pacer, () =>
                {
                    heap = 12 * MB + HeapPacer.MinimumBudgetBytes - 1;
                    HeapPacer.NudgeFromWorker();
                    Assert.Equal(1, collections);
                    heap = 12 * MB + HeapPacer.MinimumBudgetBytes;
                    HeapPacer.NudgeFromWorker();
                    Assert.Equal(2, collections);
                });
                // The test's own thread serves no pacer: its nudges look at nothing.
                heap = 100 * MB;
                HeapPacer.NudgeFromWorker();
                Assert.Equal(2, collections);
                Assert.Null(HeapPacer.OfThisThread);
            }
        }

        [Fact]
        public void Nudges_look_at_most_once_per_interval()
        {
            long looks = 0;
            using (var pacer = new HeapPacer(() => { Interlocked.Increment(ref looks); return 0; }, () => { }, Timeout.InfiniteTimeSpan, TimeSpan.FromHours(1)))
            {
                for (var i = 0; i < 1000; i++) pacer.Nudge();
                Assert.Equal(1, Interlocked.Read(ref looks)); // the first nudge looks, the next 999 are within the hour
            }
        }

        [Fact]
        public void A_stopped_pacer_ignores_nudges()
        {
            long heap = 100 * MB;
            var collections = 0;
            var pacer = new HeapPacer(() => heap, () => collections++, Timeout.InfiniteTimeSpan, TimeSpan.Zero);
            pacer.Dispose();
            pacer.Nudge();
            Assert.Equal(0, collections);
        }

        [Fact]
        public void A_failing_collection_on_a_nudge_does_not_fail_the_caller_and_stops_the_pacer()
        {
            // The nudging thread is a device's worker or SSH.NET's listener: an exception there would fail a device.
            long heap = 100 * MB;
            var attempts = 0;
            using (var pacer = new HeapPacer(() => heap, () => { attempts++; throw new ArgumentOutOfRangeException("mode"); }, Timeout.InfiniteTimeSpan, TimeSpan.Zero))
            {
                pacer.Nudge();
                heap += 100 * MB;
                pacer.Nudge();
                Assert.Equal(1, attempts);
            }
        }

        [Fact]
        public void Threads_that_nudge_at_once_collect_one_at_a_time()
        {
            long heap = 100 * MB;
            int inside = 0, mostInside = 0, collections = 0;
            using (var pacer = new HeapPacer(() => Interlocked.Read(ref heap), () =>
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                Thread.Sleep(5);
                Interlocked.Increment(ref collections);
                Interlocked.Exchange(ref heap, 10 * MB);
                Interlocked.Decrement(ref inside);
            }, Timeout.InfiniteTimeSpan, TimeSpan.Zero))
            {
                var threads = new Thread[8];
                for (var t = 0; t < threads.Length; t++)
                {
                    threads[t] = new Thread(() =>
                    {
                        for (var i = 0; i < 200; i++)
                        {
                            Interlocked.Add(ref heap, MB);
                            pacer.Nudge();
                        }
                    });
                    threads[t].Start();
                }
                foreach (var t in threads) t.Join();
                Assert.Equal(1, mostInside);
                Assert.True(collections >= 2, $"{collections} collections for 1,600 MB of growth");
            }
        }

        [Fact]
        public void The_worker_pool_threads_serve_its_pacer_and_the_caller_can_nudge_it()
        {
            using (var pool = new DeviceWorkerPool<int, bool>(2, (i, ct) => HeapPacer.OfThisThread != null, CancellationToken.None))
            {
                pool.Add(1);
                pool.Add(2);
                pool.CompleteAdding();
                var served = 0;
                while (pool.TryTakeNext(out var result, CancellationToken.None)) if (result.Output) served++;
                Assert.Equal(2, served);
                pool.NudgeHeapPacer(); // from the caller's thread: no exception, whether or not the pacer still runs
            }
        }

        private static void RunOnThreadServing(HeapPacer pacer, Action body)
        {
            Exception failure = null;
            var thread = new Thread(() =>
            {
                HeapPacer.ServeThisThread(pacer);
                try { body(); } catch (Exception ex) { failure = ex; }
                finally { HeapPacer.ServeThisThread(null); }
            });
            thread.Start();
            thread.Join();
            if (failure != null) throw new Xunit.Sdk.XunitException("On the worker thread: " + failure);
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }
}
