using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using SsmOnPrem.Client.Devices.HostKeys;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    /// <summary>known_hosts as OpenSSH writes it: one entry per new host however many threads meet it, lowercase names, hashing, modes.</summary>
    public sealed class KnownHostsConcurrencyTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ssm-khc-" + Guid.NewGuid());

        public void Dispose() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

        private static byte[] Key(byte seed) => TestHostKeys.Ed25519(seed);

        private static string[] Entries(string file) => File.ReadAllLines(file).Where(l => l.Length > 0 && l[0] != '#').ToArray();

        [Fact]
        public void Sixty_four_threads_accepting_the_same_new_host_write_one_entry()
        {
            var file = Path.Combine(_dir, "known_hosts");
            Directory.CreateDirectory(_dir);
            File.WriteAllText(file, "other.example ssh-ed25519 " + Convert.ToBase64String(Key(9)) + "\n");
            const int threads = 64;
            var start = new Barrier(threads);
            var accepted = 0;
            var added = 0;
            var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                var verifier = new HostKeyVerifier("Router1.Example", 2222, HostKeyPolicy.AcceptNew, file, null);
                start.SignalAndWait();
                if (verifier.Verify(Key(1))) Interlocked.Increment(ref accepted);
                if (verifier.AddedToKnownHosts) Interlocked.Increment(ref added);
            })).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());

            Assert.Equal(threads, accepted);
            Assert.Equal(1, added);
            var entries = Entries(file);
            Assert.Equal(2, entries.Length);
            Assert.Equal(1, entries.Count(e => e.StartsWith("[router1.example]:2222 ssh-ed25519 ", StringComparison.Ordinal)));
        }

        [Fact]
        public void A_second_key_arriving_while_the_first_is_written_is_refused_as_changed()
        {
            var file = Path.Combine(_dir, "known_hosts");
            var first = new HostKeyVerifier("dev", 22, HostKeyPolicy.AcceptNew, file, null);
            Assert.True(first.Verify(Key(1)));
            var second = new HostKeyVerifier("DEV", 22, HostKeyPolicy.AcceptNew, file, null);
            Assert.False(second.Verify(Key(2)));
            Assert.Equal("HostKeyChanged", second.Failure.ErrorId);
            Assert.Single(Entries(file));
        }

        [Fact]
        public void Host_names_are_lowercased_before_hashing_as_openssh_does()
        {
            var file = Path.Combine(_dir, "known_hosts");
            Directory.CreateDirectory(_dir);
            // What 'ssh-keygen -H' (or HashKnownHosts yes) writes for "Switch-A.Example.COM": the hash of the lowercase name.
            var salt = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
            string hash;
            using (var h = new HMACSHA1(salt)) hash = Convert.ToBase64String(h.ComputeHash(Encoding.ASCII.GetBytes("switch-a.example.com")));
            File.WriteAllText(file, $"|1|{Convert.ToBase64String(salt)}|{hash} ssh-ed25519 {Convert.ToBase64String(Key(3))}\n");
            var known = new KnownHostsFile(file);
            Assert.Equal(KnownHostVerdict.Known, known.Check("Switch-A.Example.COM", 22, "ssh-ed25519", Key(3)));
            Assert.Equal(KnownHostVerdict.Changed, known.Check("SWITCH-A.example.com", 22, "ssh-ed25519", Key(4)));
        }

        [Fact]
        public void New_entries_are_hashed_when_the_file_holds_hashed_entries_and_plain_otherwise()
        {
            var hashedFile = Path.Combine(_dir, "hashed");
            Directory.CreateDirectory(_dir);
            File.WriteAllText(hashedFile, KnownHostsFile.Hash("old.example") + " ssh-ed25519 " + Convert.ToBase64String(Key(5)) + "\n");
            Assert.True(new HostKeyVerifier("New.Example", 830, HostKeyPolicy.AcceptNew, hashedFile, null).Verify(Key(6)));
            var lines = Entries(hashedFile);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("|1|", lines[1]);
            Assert.DoesNotContain("new.example", lines[1], StringComparison.OrdinalIgnoreCase);
            Assert.Equal(KnownHostVerdict.Known, new KnownHostsFile(hashedFile).Check("new.example", 830, "ssh-ed25519", Key(6)));
            // OpenSSH's own reading of our hashed line: ssh-keygen -F finds it under the lowercase name.
            var found = Run("ssh-keygen", $"-F [new.example]:830 -f {hashedFile}");
            if (found != null) Assert.Contains("ssh-ed25519", found);

            var plainFile = Path.Combine(_dir, "plain");
            Assert.True(new HostKeyVerifier("Plain.Example", 22, HostKeyPolicy.AcceptNew, plainFile, null).Verify(Key(7)));
            Assert.StartsWith("plain.example ssh-ed25519 ", Entries(plainFile)[0]);
        }

        [Fact]
        public void Creates_the_ssh_directory_0700_and_the_file_0600()
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return; // modes are a Unix matter; ACLs are inherited on Windows
            var sshDir = Path.Combine(_dir, "home", ".ssh");
            var file = Path.Combine(sshDir, "known_hosts");
            Assert.True(new HostKeyVerifier("dev", 22, HostKeyPolicy.AcceptNew, file, null).Verify(Key(8)));
            // stat, not File.GetUnixFileMode: these tests also build for net472 (Mono).
            Assert.Equal("700", Run("stat", $"-c %a {sshDir}")?.Trim());
            Assert.Equal("600", Run("stat", $"-c %a {file}")?.Trim());
        }

        private static string Run(string exe, string args)
        {
            try
            {
                var psi = new System.Diagnostics.ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                using (var p = System.Diagnostics.Process.Start(psi))
                {
                    var text = p.StandardOutput.ReadToEnd();
                    p.WaitForExit();
                    return text;
                }
            }
            catch (System.ComponentModel.Win32Exception) { return null; }
        }
    }
}
