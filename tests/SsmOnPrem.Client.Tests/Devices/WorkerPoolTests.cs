using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Devices;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    public class WorkerPoolTests
    {
        [Fact]
        public void Runs_items_concurrently_on_dedicated_threads_and_returns_every_result()
        {
            const int n = 48;
            var barrier = new Barrier(n);
            var threadPoolUsed = 0;
            using (var pool = new DeviceWorkerPool<int, int>(n, (i, ct) =>
            {
                if (Thread.CurrentThread.IsThreadPoolThread) Interlocked.Increment(ref threadPoolUsed);
                // Every item blocks until all n are in flight at once: only possible with n concurrent workers.
                Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(20)), "items did not run concurrently");
                return i * 2;
            }, CancellationToken.None))
            {
                for (var i = 0; i < n; i++) pool.Add(i);
                pool.CompleteAdding();
                var results = new List<int>();
                while (pool.TryTakeNext(out var r, CancellationToken.None))
                {
                    Assert.Null(r.Error);
                    results.Add(r.Output);
                }
                Assert.Equal(Enumerable.Range(0, n).Select(i => i * 2), results.OrderBy(x => x));
                Assert.Equal(0, threadPoolUsed);
                Assert.Equal(n, pool.ThreadCount);
            }
        }

        [Fact]
        public void Respects_the_throttle_limit_and_reports_failures_per_item()
        {
            var running = 0;
            var peak = 0;
            using (var pool = new DeviceWorkerPool<int, int>(3, (i, ct) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                Thread.Sleep(20);
                Interlocked.Decrement(ref running);
                if (i == 5) throw new InvalidOperationException("device 5 failed");
                return i;
            }, CancellationToken.None))
            {
                for (var i = 0; i < 12; i++) pool.Add(i);
                pool.CompleteAdding();
                var all = new List<WorkResult<int, int>>();
                while (pool.TryTakeNext(out var r, CancellationToken.None)) all.Add(r);
                Assert.Equal(12, all.Count);
                Assert.Single(all, r => r.Error != null && r.Input == 5);
                Assert.True(peak <= 3);
                Assert.True(pool.ThreadCount <= 3);
            }
        }

        [Fact]
        public void Cancellation_reaches_running_work()
        {
            using (var cts = new CancellationTokenSource())
            using (var pool = new DeviceWorkerPool<int, int>(4, (i, ct) =>
            {
                ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
                ct.ThrowIfCancellationRequested();
                return i;
            }, cts.Token))
            {
                for (var i = 0; i < 8; i++) pool.Add(i);
                pool.CompleteAdding();
                cts.CancelAfter(100);
                var errors = 0;
                while (pool.TryTakeNext(out var r, CancellationToken.None)) if (r.Error is OperationCanceledException) errors++;
                Assert.Equal(8, errors);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
        }
    }
}
