using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    public class FleetRunnerTests
    {
        private static List<T> DrainAll<TItem, T>(FleetRunner<TItem, T> runner)
        {
            var results = new List<T>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!runner.IsDone && DateTime.UtcNow < deadline)
            {
                if (runner.TryTake(out var result, TimeSpan.FromMilliseconds(100))) results.Add(result);
            }
            return results;
        }

        [Fact]
        public void EveryItemGetsExactlyOneResult()
        {
            using var runner = new FleetRunner<int, int>(8, (i, _) => i * 10, (i, _) => -i, CancellationToken.None);
            foreach (var i in Enumerable.Range(1, 200)) runner.Add(i);
            runner.CompleteAdding();
            var results = DrainAll(runner);
            Assert.Equal(Enumerable.Range(1, 200).Select(i => i * 10).OrderBy(x => x), results.OrderBy(x => x));
        }

        [Fact]
        public void NeverRunsMoreThanTheThrottleLimitAtOnce()
        {
            var current = 0;
            var peak = 0;
            using var runner = new FleetRunner<int, int>(4, (i, _) =>
            {
                var now = Interlocked.Increment(ref current);
                int seen;
                while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
                Thread.Sleep(20);
                Interlocked.Decrement(ref current);
                return i;
            }, (i, _) => i, CancellationToken.None);
            foreach (var i in Enumerable.Range(1, 40)) runner.Add(i);
            runner.CompleteAdding();
            Assert.Equal(40, DrainAll(runner).Count);
            Assert.InRange(peak, 2, 4);
        }

        [Fact]
        public void ACrashingItemBecomesAResultAndTheOthersGoOn()
        {
            using var runner = new FleetRunner<int, string>(3,
                (i, _) => i == 7 ? throw new InvalidOperationException("boom " + i) : "ok " + i,
                (i, ex) => "crashed " + i + ": " + ex.Message, CancellationToken.None);
            foreach (var i in Enumerable.Range(1, 10)) runner.Add(i);
            runner.CompleteAdding();
            var results = DrainAll(runner);
            Assert.Equal(10, results.Count);
            Assert.Contains("crashed 7: boom 7", results);
            Assert.Equal(9, results.Count(r => r.StartsWith("ok ")));
        }

        [Fact]
        public void BlockingWorkDoesNotStarveTheThreadPool()
        {
            // 32 items that block their thread for a while must all be in flight together, whatever the pool's minimum.
            using var allStarted = new CountdownEvent(32);
            using var release = new ManualResetEventSlim();
            using var runner = new FleetRunner<int, int>(32, (i, _) => { allStarted.Signal(); release.Wait(); return i; }, (i, _) => i, CancellationToken.None);
            foreach (var i in Enumerable.Range(1, 32)) runner.Add(i);
            runner.CompleteAdding();
            Assert.True(allStarted.Wait(TimeSpan.FromSeconds(10)), "not all 32 items ran concurrently");
            release.Set();
            Assert.Equal(32, DrainAll(runner).Count);
        }

        [Fact]
        public void CancellationReachesTheWork()
        {
            using var cts = new CancellationTokenSource();
            using var runner = new FleetRunner<int, string>(2, (i, ct) =>
            {
                ct.WaitHandle.WaitOne(TimeSpan.FromSeconds(20));
                return ct.IsCancellationRequested ? "cancelled" : "finished";
            }, (i, _) => "crashed", cts.Token);
            runner.Add(1);
            runner.Add(2);
            runner.CompleteAdding();
            cts.CancelAfter(100);
            var results = DrainAll(runner);
            Assert.Equal(new[] { "cancelled", "cancelled" }, results);
        }
    }
}
