using System;
using System.Linq;
using Renci.SshNet;
using Renci.SshNet.Common;
using SsmOnPrem.Client.Devices.Ssh;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    public sealed class SshAlgorithmPolicyTests
    {
        private static ConnectionInfo Info(SshAlgorithmPolicy policy)
        {
            var info = new ConnectionInfo("h", "u", new PasswordAuthenticationMethod("u", "p"));
            SshAlgorithms.Apply(info, policy);
            return info;
        }

        [Fact]
        public void Compatible_offers_what_old_devices_need_after_the_modern_ones_but_never_the_broken_ones()
        {
            var info = Info(SshAlgorithmPolicy.Compatible);
            var kex = info.KeyExchangeAlgorithms.Keys.ToList();
            Assert.DoesNotContain("diffie-hellman-group1-sha1", kex);
            Assert.Contains("diffie-hellman-group14-sha1", kex);
            Assert.True(kex.IndexOf("curve25519-sha256") < kex.IndexOf("diffie-hellman-group14-sha1"));
            var ciphers = info.Encryptions.Keys.ToList();
            Assert.DoesNotContain("3des-cbc", ciphers);
            Assert.Contains("aes128-cbc", ciphers);
            Assert.True(ciphers.Where(c => !c.EndsWith("-cbc")).All(c => ciphers.IndexOf(c) < ciphers.IndexOf("aes128-cbc")));
            var macs = info.HmacAlgorithms.Keys.ToList();
            Assert.Equal("hmac-sha2-256-etm@openssh.com", macs[0]);
            Assert.True(macs.IndexOf("hmac-sha1") > macs.IndexOf("hmac-sha2-512"));
            var hostKeys = info.HostKeyAlgorithms.Keys.ToList();
            Assert.True(hostKeys.IndexOf("ssh-rsa") > hostKeys.IndexOf("rsa-sha2-256"));
        }

        [Fact]
        public void Modern_offers_no_sha1_and_no_cbc()
        {
            var info = Info(SshAlgorithmPolicy.Modern);
            var all = info.KeyExchangeAlgorithms.Keys.Concat(info.Encryptions.Keys).Concat(info.HmacAlgorithms.Keys).Concat(info.HostKeyAlgorithms.Keys).ToList();
            Assert.DoesNotContain(all, a => a.EndsWith("-sha1") || a.EndsWith("-cbc") || a.StartsWith("hmac-sha1") || a == "ssh-rsa");
            Assert.Contains("curve25519-sha256", all);
            Assert.Contains("rsa-sha2-512", all);
        }

        [Fact]
        public void Legacy_offers_the_broken_ones_last()
        {
            var info = Info(SshAlgorithmPolicy.Legacy);
            Assert.Equal("diffie-hellman-group1-sha1", info.KeyExchangeAlgorithms.Keys.Last());
            Assert.Equal("3des-cbc", info.Encryptions.Keys.Last());
        }

        [Fact]
        public void A_negotiation_failure_becomes_SshAlgorithmsRefused_with_what_the_device_offered()
        {
            var info = Info(SshAlgorithmPolicy.Modern);
            var ex = new SshConnectionException("No matching key exchange algorithm (server offers diffie-hellman-group14-sha1,kex-strict-s-v00@openssh.com)");
            var refused = SshAlgorithms.Refused(ex, "r1:22", SshAlgorithmPolicy.Modern, info);
            Assert.Equal("SshAlgorithmsRefused", refused.ErrorId);
            Assert.Contains("The device offered: diffie-hellman-group14-sha1.", refused.Message);
            Assert.DoesNotContain("kex-strict", refused.Message);
            Assert.Contains("-SshAlgorithmPolicy Compatible", refused.RecommendedAction);
            Assert.Null(SshAlgorithms.Refused(new SshConnectionException("Connection reset"), "r1:22", SshAlgorithmPolicy.Modern, info));

            var onlyBroken = new SshConnectionException("No matching client encryption algorithm (server offers 3des-cbc)");
            Assert.Contains("-SshAlgorithmPolicy Legacy", SshAlgorithms.Refused(onlyBroken, "r2:22", SshAlgorithmPolicy.Compatible, Info(SshAlgorithmPolicy.Compatible)).RecommendedAction);
        }

        [Fact]
        public void Negotiated_weaknesses_name_sha1_and_cbc()
        {
            var legacy = new NegotiatedAlgorithms { KeyExchange = "diffie-hellman-group14-sha1", HostKeyAlgorithm = "ssh-rsa", Cipher = "aes256-cbc", Mac = "hmac-sha1" };
            Assert.Equal(4, legacy.Weaknesses.Count);
            Assert.Contains("CBC (cipher aes256-cbc)", legacy.Weaknesses);
            Assert.Contains("SHA-1 (host key signature ssh-rsa)", legacy.Weaknesses);
            var modern = new NegotiatedAlgorithms { KeyExchange = "curve25519-sha256", HostKeyAlgorithm = "rsa-sha2-512", Cipher = "aes128-gcm@openssh.com", Mac = "<implicit>" };
            Assert.Empty(modern.Weaknesses);
        }

        [Theory]
        [InlineData("bastion", "bastion", 22)]
        [InlineData("bastion.example:2222", "bastion.example", 2222)]
        [InlineData("10.0.0.5:22", "10.0.0.5", 22)]
        [InlineData("[2001:db8::1]:2200", "2001:db8::1", 2200)]
        [InlineData("2001:db8::1", "2001:db8::1", 22)]
        public void Jump_host_parses_host_and_port(string text, string host, int port)
        {
            var j = JumpHostOptions.Parse(text);
            Assert.Equal(host, j.ComputerName);
            Assert.Equal(port, j.Port);
        }

        [Theory]
        [InlineData("bastion:0")]
        [InlineData("bastion:99999")]
        [InlineData("bas tion")]
        [InlineData("[::1")]
        public void Jump_host_rejects_bad_input(string text)
        {
            var ex = Assert.ThrowsAny<SsmOnPrem.Client.Common.SsmOnPremException>(() => JumpHostOptions.Parse(text));
            Assert.Equal("InvalidJumpHost", ex.ErrorId);
        }
    }
}
