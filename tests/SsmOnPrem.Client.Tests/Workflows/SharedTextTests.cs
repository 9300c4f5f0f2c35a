using System.Collections.Generic;
using System.Linq;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    public class SharedTextTests
    {
        // Built at run time, as a workflow builds its lines: equal text, different instances.
        private static string Line(string url) => "destination address http " + url;

        [Fact]
        public void EqualLinesOfTwoResultsBecomeOneInstance()
        {
            var pool = new SharedText();
            var first = new List<string> { Line("https://onprem:443/x"), "end" };
            var second = new List<string> { Line("https://onprem:443/x"), "end" };
            Assert.NotSame(first[0], second[0]);

            pool.Share(first);
            pool.Share(second);

            Assert.Same(first[0], second[0]);
            Assert.Equal(new[] { Line("https://onprem:443/x"), "end" }, second);
            Assert.Equal(second.Count, second.Capacity);
        }

        [Fact]
        public void StopsGrowingAtItsBoundAndKeepsLaterTextsAsTheyCome()
        {
            var pool = new SharedText();
            foreach (var i in Enumerable.Range(0, SharedText.MaxEntries + 10)) pool.Share("device line " + i);

            var late = "device line " + (SharedText.MaxEntries + 5);
            Assert.Same(late, pool.Share(late));
            var early = "device line " + 3;
            Assert.NotSame(early, pool.Share(early));
            Assert.Equal(early, pool.Share(early));
            Assert.Null(pool.Share((string)null));
        }
    }
}
