using System;
using System.IO;
using System.Linq;
using SsmOnPrem.Client.Devices.HostKeys;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Compat
{
    /// <summary>
    /// Windows file semantics the engine must live with (docs/COMPATIBILITY.md). .NET on Linux treats FileShare as
    /// advisory, so these bite only on Windows, and under Mono, which enforces share modes between the handles of one
    /// process as Windows does: 'build.ps1 Compat' runs them there.
    /// </summary>
    public sealed class WindowsSemanticsTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ssm-winsem-" + Guid.NewGuid().ToString("n"));

        public WindowsSemanticsTests() => Directory.CreateDirectory(_dir);
        public void Dispose() => Directory.Delete(_dir, true);

        [Fact]
        public void A_journal_still_open_from_a_crashed_run_can_be_reopened_and_both_writers_land_whole_lines()
        {
            var path = Path.Combine(_dir, "run.jsonl");
            // A run that threw without disposing its journal, in the same PowerShell session: the handle lives on until GC.
            var crashed = ResultJournal.Open(path);
            crashed.Append(new { ComputerName = "r1", Status = "Registered" });
            using (var rerun = ResultJournal.Open(path))
            {
                Assert.Equal(new[] { "r1" }, rerun.ExistingEntries.Select(e => (string)e["ComputerName"]));
                rerun.Append(new { ComputerName = "r2", Status = "Registered" });
                crashed.Append(new { ComputerName = "r3", Status = "Failed" });
                // And a reader (Get-Content, a tail in another window) at the same time.
                using (var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
                {
                    var lines = reader.ReadToEnd().Split('\n').Where(l => l.Trim().Length > 0).ToList();
                    Assert.Equal(3, lines.Count);
                    Assert.All(lines, l => Assert.StartsWith("{", l));
                }
            }
            crashed.Dispose();
        }

        [Fact]
        public void A_journal_saved_with_CRLF_line_ends_reads_back()
        {
            var path = Path.Combine(_dir, "run.jsonl");
            File.WriteAllText(path, "{\"ComputerName\":\"r1\",\"Status\":\"Registered\"}\r\n{\"ComputerName\":\"r2\",\"Status\":\"Failed\"}\r\n");
            using (var journal = ResultJournal.Open(path))
                Assert.Equal(new[] { "Registered", "Failed" }, journal.ExistingEntries.Select(e => (string)e["Status"]));
        }

        [Fact]
        public void The_default_known_hosts_is_in_the_users_profile_as_OpenSSH_has_it_on_each_OS()
        {
            var windows = Path.DirectorySeparatorChar == '\\';
            var home = Environment.GetEnvironmentVariable(windows ? "USERPROFILE" : "HOME");
            Assert.False(string.IsNullOrEmpty(home));
            Assert.Equal(Path.Combine(home, ".ssh", "known_hosts"), KnownHostsFile.DefaultPath);
            Assert.Equal(KnownHostsFile.DefaultPath, new KnownHostsFile(null).Path);
        }

        [Fact]
        public void A_known_hosts_with_CRLF_line_ends_matches_and_appending_keeps_lines_apart()
        {
            var path = Path.Combine(_dir, "known_hosts");
            var key = Enumerable.Range(1, 51).Select(i => (byte)i).ToArray();
            var other = Enumerable.Range(2, 51).Select(i => (byte)i).ToArray();
            File.WriteAllText(path, "# saved by Notepad\r\n[10.0.0.1]:2222 ssh-ed25519 " + Convert.ToBase64String(key) + "\r\n");
            var file = new KnownHostsFile(path);
            Assert.Equal(KnownHostVerdict.Known, file.Check("10.0.0.1", 2222, "ssh-ed25519", key));
            Assert.Equal(KnownHostVerdict.Changed, file.Check("10.0.0.1", 2222, "ssh-ed25519", other));
            Assert.Equal(new[] { "ssh-ed25519" }, file.KeyTypesFor("10.0.0.1", 2222));
            file.Add("10.0.0.2", 22, "ssh-ed25519", other);
            Assert.Equal(KnownHostVerdict.Known, file.Check("10.0.0.2", 22, "ssh-ed25519", other));
            Assert.Equal(KnownHostVerdict.Known, file.Check("10.0.0.1", 2222, "ssh-ed25519", key));
        }
    }
}
