using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.HostKeys;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    public sealed class HostKeyTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ssm-hk-" + Guid.NewGuid());
        private readonly string _file;

        public HostKeyTests()
        {
            Directory.CreateDirectory(_dir);
            _file = Path.Combine(_dir, "known_hosts");
        }

        public void Dispose() => Directory.Delete(_dir, true);

        private static byte[] Key(byte seed) => TestHostKeys.Ed25519(seed);

        private static string Line(string hosts, byte seed) => $"{hosts} ssh-ed25519 {Convert.ToBase64String(Key(seed))}";

        private static string Hashed(string name, byte[] salt)
        {
            using (var h = new HMACSHA1(salt)) return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(h.ComputeHash(Encoding.ASCII.GetBytes(name)))}";
        }

        [Fact]
        public void Fingerprint_is_openssh_sha256_form()
        {
            var fp = HostKeyFingerprint.Sha256(Key(1));
            Assert.StartsWith("SHA256:", fp);
            Assert.Equal(50, fp.Length);
            Assert.Equal(fp, HostKeyFingerprint.Normalize(fp.Substring(7) + "="));
            Assert.Null(HostKeyFingerprint.Normalize("MD5:aa:bb"));
            Assert.Equal("ssh-ed25519", HostKeyFingerprint.KeyType(Key(1)));
        }

        [Fact]
        public void Reads_plain_bracketed_hashed_wildcard_and_negated_entries()
        {
            File.WriteAllLines(_file, new[]
            {
                "# comment",
                Line("plain.example,10.0.0.1", 1),
                Line("[lab.example]:2222", 2),
                Line(Hashed("[hashed.example]:2200", new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }), 3),
                Line("*.wild.example,!bad.wild.example", 4),
                "@revoked " + Line("*", 9),
            });
            var kh = new KnownHostsFile(_file);
            Assert.Equal(KnownHostVerdict.Known, kh.Check("plain.example", 22, "ssh-ed25519", Key(1)));
            Assert.Equal(KnownHostVerdict.Known, kh.Check("10.0.0.1", 22, "ssh-ed25519", Key(1)));
            Assert.Equal(KnownHostVerdict.Unknown, kh.Check("plain.example", 2222, "ssh-ed25519", Key(1)));
            Assert.Equal(KnownHostVerdict.Known, kh.Check("lab.example", 2222, "ssh-ed25519", Key(2)));
            Assert.Equal(KnownHostVerdict.Known, kh.Check("hashed.example", 2200, "ssh-ed25519", Key(3)));
            Assert.Equal(KnownHostVerdict.Changed, kh.Check("hashed.example", 2200, "ssh-ed25519", Key(5)));
            Assert.Equal(KnownHostVerdict.Known, kh.Check("a.wild.example", 22, "ssh-ed25519", Key(4)));
            Assert.Equal(KnownHostVerdict.Unknown, kh.Check("bad.wild.example", 22, "ssh-ed25519", Key(4)));
            Assert.Equal(KnownHostVerdict.Revoked, kh.Check("anything", 22, "ssh-ed25519", Key(9)));
            Assert.Equal(new[] { "ssh-ed25519" }, kh.KeyTypesFor("lab.example", 2222));
        }

        [Fact]
        public void Strict_refuses_unknown_keys_and_says_how_to_trust_them()
        {
            var v = new HostKeyVerifier("dev1", 2222, HostKeyPolicy.Strict, _file, null);
            Assert.False(v.Verify(Key(1)));
            Assert.Equal(DeviceErrorIds.HostKeyUnknown, v.Failure.ErrorId);
            Assert.Contains(HostKeyFingerprint.Sha256(Key(1)), v.Failure.Message);
            Assert.Contains("-HostKeyPolicy AcceptNew", v.Failure.RecommendedAction);
            Assert.Contains("-HostKeyFingerprint '" + HostKeyFingerprint.Sha256(Key(1)) + "'", v.Failure.RecommendedAction);
            Assert.False(File.Exists(_file));
        }

        [Fact]
        public void AcceptNew_writes_known_hosts_then_refuses_a_changed_key()
        {
            var first = new HostKeyVerifier("dev1", 2222, HostKeyPolicy.AcceptNew, _file, null);
            Assert.True(first.Verify(Key(1)));
            Assert.True(first.AddedToKnownHosts);
            Assert.Contains("[dev1]:2222 ssh-ed25519 ", File.ReadAllText(_file));

            var strict = new HostKeyVerifier("dev1", 2222, HostKeyPolicy.Strict, _file, null);
            Assert.True(strict.Verify(Key(1)));

            var changed = new HostKeyVerifier("dev1", 2222, HostKeyPolicy.AcceptNew, _file, null);
            Assert.False(changed.Verify(Key(7)));
            Assert.Equal(DeviceErrorIds.HostKeyChanged, changed.Failure.ErrorId);
            Assert.Contains("CHANGED", changed.Failure.Message);
            Assert.Contains("ssh-keygen -R", changed.Failure.RecommendedAction);
            Assert.Single(File.ReadAllLines(_file));
        }

        [Fact]
        public void Pinned_accepts_only_the_pinned_fingerprint()
        {
            var fp = HostKeyFingerprint.Sha256(Key(1));
            Assert.True(new HostKeyVerifier("dev1", 22, HostKeyPolicy.Pinned, _file, fp).Verify(Key(1)));
            var wrong = new HostKeyVerifier("dev1", 22, HostKeyPolicy.Strict, _file, fp);
            Assert.False(wrong.Verify(Key(2)));
            Assert.Equal(DeviceErrorIds.HostKeyFingerprintMismatch, wrong.Failure.ErrorId);
            Assert.Equal("InvalidHostKeyFingerprint",
                Assert.Throws<HostKeyException>(() => new HostKeyVerifier("dev1", 22, HostKeyPolicy.Pinned, _file, "nonsense")).ErrorId);
            Assert.Throws<HostKeyException>(() => new HostKeyVerifier("dev1", 22, HostKeyPolicy.Pinned, _file, null));
        }

        [Fact]
        public void None_accepts_anything_without_writing()
        {
            Assert.True(new HostKeyVerifier("dev1", 22, HostKeyPolicy.None, _file, null).Verify(Key(3)));
            Assert.False(File.Exists(_file));
        }

        [Fact]
        public void Concurrent_accept_new_appends_every_host_once()
        {
            System.Threading.Tasks.Parallel.For(0, 40, i =>
                Assert.True(new HostKeyVerifier("dev" + i, 2000 + i, HostKeyPolicy.AcceptNew, _file, null).Verify(Key((byte)i))));
            Assert.Equal(40, File.ReadAllLines(_file).Length);
        }
    }
}
