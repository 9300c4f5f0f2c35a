using System;
using System.IO;
using System.Linq;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    public class ResultJournalTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ssm-journal-" + Guid.NewGuid().ToString("n"));

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        }

        [Fact]
        public void EntriesSurviveAReopenAndACutLastLine()
        {
            var path = Path.Combine(_dir, "sub", "run.jsonl");
            using (var journal = ResultJournal.Open(path))
            {
                journal.Append(new { ComputerName = "r1", Status = "Registered" });
                journal.Append(new { ComputerName = "r2", Status = "Failed" });
            }
            // A kill mid-write leaves half a line behind.
            File.AppendAllText(path, "{\"ComputerName\":\"r3\",\"Sta");
            using var reopened = ResultJournal.Open(path);
            Assert.Equal(new[] { "r1", "r2" }, reopened.ExistingEntries.Select(e => (string)e["ComputerName"]));
        }

        [Fact]
        public void EachAppendIsOnDiskAtOnce()
        {
            var path = Path.Combine(_dir, "run.jsonl");
            using var journal = ResultJournal.Open(path);
            journal.Append(new { ComputerName = "r1" });
            using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            Assert.Contains("\"r1\"", new StreamReader(reader).ReadToEnd());
        }

        [Fact]
        public void AnUnwritablePathIsRefusedBeforeWorkStarts()
        {
            Directory.CreateDirectory(_dir);
            var blocker = Path.Combine(_dir, "file");
            File.WriteAllText(blocker, "x");
            // A folder path under a regular file cannot be created, whoever runs the test (root ignores read-only bits).
            var ex = Assert.Throws<SsmOnPremException>(() => ResultJournal.Open(Path.Combine(blocker, "run.jsonl")));
            Assert.Equal("JournalNotWritable", ex.ErrorId);
            Assert.Equal(SsmErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("Nothing was sent", ex.RecommendedAction);
        }
    }
}
