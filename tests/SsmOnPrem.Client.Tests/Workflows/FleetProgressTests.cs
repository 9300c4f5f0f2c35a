using System.IO;
using System.Linq;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    /// <summary>The counts and the text of a fleet run's progress (Write-Progress and the -ProgressInterval summary line).</summary>
    public class FleetProgressTests
    {
        [Fact]
        public void Counts_add_up_and_stages_are_listed_in_the_order_a_device_passes_them()
        {
            var p = new FleetProgress();
            var ids = Enumerable.Range(0, 10).Select(_ => p.Add()).ToArray();
            p.MoveTo(ids[0], "Wait");
            p.MoveTo(ids[1], "Connect");
            p.MoveTo(ids[2], "Wait");
            p.MoveTo(ids[3], "Register");
            p.MoveTo(ids[4], "Verify");
            p.Finish(ids[5], failed: false);
            p.Finish(ids[6], failed: true);
            p.Finish(ids[6], failed: false);   // counted once
            p.MoveTo(ids[6], "Wait");          // a finished device stays finished

            var s = p.Snapshot();
            Assert.Equal(10, s.Total);
            Assert.Equal(2, s.Finished);
            Assert.Equal(1, s.Failed);
            Assert.Equal(8, s.Remaining);
            Assert.Equal(s.Remaining, s.Stages.Sum(x => x.Value));
            Assert.Equal(new[] { "Queued", "Connect", "Register", "Wait", "Verify" }, s.Stages.Select(x => x.Key).ToArray());
            Assert.Equal("2 of 10 finished (1 ok, 1 failed), 8 remaining", s.StatusText);
            Assert.Equal("Queued 3, Connect 1, Register 1, Wait 2, Verify 1", s.StageText);
            Assert.Equal(20, s.PercentComplete);
            Assert.Matches(@"^Register-SsmDevice: 2 of 10 finished \(1 ok, 1 failed\), 8 remaining; at Queued 3, Connect 1, Register 1, Wait 2, Verify 1; \d\d:\d\d:\d\d elapsed$",
                s.SummaryLine("Register-SsmDevice"));
        }

        [Fact]
        public void A_finished_run_lists_no_stages_and_a_stage_the_workflow_does_not_know_comes_last()
        {
            var p = new FleetProgress();
            var a = p.Add();
            var b = p.Add();
            p.MoveTo(a, FleetProgress.Working);
            p.MoveTo(b, "Identify");
            Assert.Equal("Identify 1, Working 1", p.Snapshot().StageText);
            p.Finish(a, false);
            p.Finish(b, false);
            var done = p.Snapshot();
            Assert.Empty(done.Stages);
            Assert.Equal(100, done.PercentComplete);
            Assert.DoesNotContain("; at ", done.SummaryLine("Get-SsmLicenseStatus"));
            Assert.Equal(0, new FleetProgress().Snapshot().PercentComplete);
        }

        [Fact]
        public void Results_keep_their_outcome_and_stage_as_text_in_the_journal_and_read_old_text_back_typed()
        {
            var r = new RegistrationResult { ComputerName = "sw1", Port = 22, Outcome = RegistrationOutcome.Failed, FailedAt = RegistrationStage.Wait };
            Assert.Equal("Failed", r.Status);
            Assert.Equal("Wait", r.FailureStage);
            Assert.Equal(Common.SsmErrorKind.OperationTimeout, r.FailureKind);
            Assert.False(r.Succeeded);
            var path = Path.Combine(Path.GetTempPath(), "ssm-journal-" + System.Guid.NewGuid().ToString("N") + ".jsonl");
            try
            {
                using (var j = ResultJournal.Open(path)) j.Append(r);
                var line = File.ReadAllLines(path).Single(l => l.Length > 0);
                Assert.Contains("\"Status\":\"Failed\"", line);
                Assert.Contains("\"FailureStage\":\"Wait\"", line);
                Assert.DoesNotContain("Outcome", line);
                Assert.DoesNotContain("FailedAt", line);
            }
            finally { File.Delete(path); }
            // A journal written by the version whose Status was a string property reads back the same: a rerun skips its done devices.
            var older = Path.Combine(Path.GetTempPath(), "ssm-journal-" + System.Guid.NewGuid().ToString("N") + ".jsonl");
            try
            {
                File.WriteAllText(older,
                    "{\"ComputerName\":\"sw1\",\"Port\":22,\"Status\":\"Registered\",\"StartedAt\":\"2026-12-01T02:00:00+00:00\",\"Duration\":\"00:00:12\"}\n" +
                    "{\"ComputerName\":\"sw2\",\"Port\":22,\"Status\":\"Failed\",\"FailureStage\":\"Wait\",\"FailureReason\":\"still in progress\"}\n");
                using (var j = ResultJournal.Open(older))
                {
                    var done = JournalProgress.From(j);
                    Assert.True(done.IsDone("sw1", 22, out var status));
                    Assert.Equal("Registered", status);
                    Assert.False(done.IsDone("sw2", 22, out _));
                }
            }
            finally { File.Delete(older); }
            // Text from an older journal or a CSV row sets the typed values; unknown text is no outcome at all.
            var old = new RegistrationResult { Status = "alreadyregistered", FailureStage = "Connect" };
            Assert.Equal(RegistrationOutcome.AlreadyRegistered, old.Outcome);
            Assert.Equal(RegistrationStage.Connect, old.FailedAt);
            Assert.Null(new RegistrationResult { Status = "Bogus" }.Outcome);
            Assert.Null(new RegistrationResult { Status = "7" }.Outcome);
        }
    }
}
