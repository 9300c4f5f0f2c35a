using System;
using System.IO;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    /// <summary>The engine answers "is this device done" from a journal (Register-SsmDevice -JournalPath reruns).</summary>
    public class JournalProgressTests
    {
        [Fact]
        public void Finished_outcomes_are_done_others_are_tried_again_and_the_last_entry_wins()
        {
            var path = Path.Combine(Path.GetTempPath(), "ssm-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");
            try
            {
                using (var j = ResultJournal.Open(path))
                {
                    j.Append(new RegistrationResult { ComputerName = "a", Port = 22, Status = "Registered" });
                    j.Append(new RegistrationResult { ComputerName = "b", Port = 22, Status = "Failed" });
                    j.Append(new RegistrationResult { ComputerName = "c", Port = 22, Status = "Submitted" });
                    j.Append(new RegistrationResult { ComputerName = "d", Port = 22, Status = "Reported" });
                    j.Append(new RegistrationResult { ComputerName = "e", Port = 22, Status = "Skipped" });
                    j.Append(new RegistrationResult { ComputerName = "b", Port = 22, Status = "AlreadyRegistered" });
                    j.Append(new RegistrationResult { ComputerName = "a", Port = 2222, Status = "Failed" });
                }
                using (var again = ResultJournal.Open(path))
                {
                    var progress = JournalProgress.From(again);
                    Assert.True(progress.IsDone("a", 22, out var status) && status == "Registered");
                    Assert.True(progress.IsDone("B", 22, out status) && status == "AlreadyRegistered");   // names compare without case
                    Assert.True(progress.IsDone("d", 22, out _));
                    Assert.False(progress.IsDone("c", 22, out _));
                    Assert.False(progress.IsDone("e", 22, out _));
                    Assert.False(progress.IsDone("a", 2222, out _));                                      // the port is part of the device
                    Assert.Equal(3, progress.Count);
                }
            }
            finally { File.Delete(path); }
        }
    }
}
