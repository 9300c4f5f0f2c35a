using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Renci.SshNet;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices.Ssh
{
    /// <summary>Which SSH algorithms the client offers (see docs/ssh-reach.md).</summary>
    public enum SshAlgorithmPolicy
    {
        /// <summary>Modern first; also SHA-1 key exchange, ssh-rsa signatures, AES-CBC and HMAC-SHA1, which real old devices need. Never the broken ones.</summary>
        Compatible,
        /// <summary>No SHA-1 and no CBC at all: old devices are refused with SshAlgorithmsRefused.</summary>
        Modern,
        /// <summary>Everything SSH.NET has, broken ones included (diffie-hellman-group1-sha1, 3des-cbc), modern still first. Explicit opt-in.</summary>
        Legacy,
    }

    /// <summary>Filters and orders SSH.NET's algorithm lists for a policy, and names the weak parts of a negotiated set.</summary>
    public static class SshAlgorithms
    {
        // Broken: 1024-bit group 2 and 64-bit-block 3DES (Sweet32). Only with Legacy.
        private static readonly HashSet<string> Broken = new HashSet<string>(StringComparer.Ordinal)
        {
            "diffie-hellman-group1-sha1", "3des-cbc", "ssh-dss", "hmac-md5", "hmac-md5-96", "arcfour", "arcfour128", "arcfour256", "blowfish-cbc", "cast128-cbc",
        };

        /// <summary>What makes an algorithm weak ("SHA-1", "CBC"), or null.</summary>
        public static string Weakness(string algorithm)
        {
            if (string.IsNullOrEmpty(algorithm)) return null;
            if (algorithm.StartsWith("hmac-md5", StringComparison.Ordinal)) return "MD5";
            if (algorithm.StartsWith("arcfour", StringComparison.Ordinal)) return "RC4";
            if (algorithm == "ssh-dss") return "SHA-1";
            if (algorithm.EndsWith("-cbc", StringComparison.Ordinal)) return "CBC";
            if (algorithm == "ssh-rsa" || algorithm == "ssh-rsa-cert-v01@openssh.com") return "SHA-1";
            if (algorithm.EndsWith("-sha1", StringComparison.Ordinal) || algorithm.StartsWith("hmac-sha1", StringComparison.Ordinal)) return "SHA-1";
            return null;
        }

        public static bool Allowed(string algorithm, SshAlgorithmPolicy policy)
        {
            switch (policy)
            {
                case SshAlgorithmPolicy.Legacy: return true;
                case SshAlgorithmPolicy.Modern: return Weakness(algorithm) == null;
                default: return !Broken.Contains(algorithm);
            }
        }

        /// <summary>Restricts and reorders the client's offer: allowed algorithms only, strong before weak, SSH.NET's order otherwise.</summary>
        public static void Apply(ConnectionInfo info, SshAlgorithmPolicy policy)
        {
            Reorder(info.KeyExchangeAlgorithms, policy);
            Reorder(info.Encryptions, policy);
            Reorder(info.HmacAlgorithms, policy, name => name.EndsWith("-etm@openssh.com", StringComparison.Ordinal) ? 0 : 1);
            Reorder(info.HostKeyAlgorithms, policy);
        }

        private static void Reorder<T>(IDictionary<string, T> algorithms, SshAlgorithmPolicy policy, Func<string, int> preference = null)
        {
            var entries = algorithms.ToList();
            var kept = entries.Select((e, i) => (e, i)).Where(x => Allowed(x.e.Key, policy))
                .OrderBy(x => Rank(x.e.Key)).ThenBy(x => preference?.Invoke(x.e.Key) ?? 0).ThenBy(x => x.i).Select(x => x.e).ToList();
            algorithms.Clear();
            foreach (var e in kept) algorithms.Add(e.Key, e.Value);
        }

        private static int Rank(string algorithm) => Weakness(algorithm) == null ? 0 : Broken.Contains(algorithm) ? 2 : 1;

        private static readonly Regex NoMatch = new Regex(@"No matching (?<what>[a-z ]+?) algorithm \(server offers (?<offer>[^)]*)\)", RegexOptions.CultureInvariant);

        /// <summary>
        /// SSH.NET's "No matching ... algorithm (server offers ...)" as SshAlgorithmsRefused naming what the device
        /// offered and what the policy allows; null for any other failure.
        /// </summary>
        public static DeviceException Refused(Exception ex, string where, SshAlgorithmPolicy policy, ConnectionInfo info)
        {
            var m = NoMatch.Match(ex?.Message ?? string.Empty);
            if (!m.Success) return null;
            var what = m.Groups["what"].Value.Replace("client ", string.Empty).Replace("server ", string.Empty);
            var offered = m.Groups["offer"].Value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())
                .Where(s => !s.StartsWith("kex-strict-", StringComparison.Ordinal) && !s.StartsWith("ext-info-", StringComparison.Ordinal)).ToList();
            var ours = Offer(info, what);
            var couldWith = offered.Any(o => Allowed(o, SshAlgorithmPolicy.Compatible)) ? SshAlgorithmPolicy.Compatible
                : offered.Any(o => Allowed(o, SshAlgorithmPolicy.Legacy) && KnownBy(o)) ? SshAlgorithmPolicy.Legacy : (SshAlgorithmPolicy?)null;
            var why = policy == SshAlgorithmPolicy.Modern ? "-SshAlgorithmPolicy Modern refuses SHA-1 and CBC"
                : policy == SshAlgorithmPolicy.Compatible ? "-SshAlgorithmPolicy Compatible refuses broken algorithms (diffie-hellman-group1-sha1, 3des-cbc)"
                : "SSH.NET supports none of them";
            var action = couldWith.HasValue && couldWith.Value != policy && (policy != SshAlgorithmPolicy.Compatible || couldWith == SshAlgorithmPolicy.Legacy)
                ? $"Upgrade the device's SSH configuration (for IOS-XE: ip ssh server algorithm {Keyword(what)} ...), or connect with -SshAlgorithmPolicy {couldWith} if you accept {string.Join(", ", offered.Select(Weakness).Where(w => w != null).Distinct())}."
                : "Upgrade the device's SSH configuration to offer a modern algorithm (see the lab README's table of release defaults).";
            return new DeviceException(DeviceErrorIds.SshAlgorithmsRefused, SsmErrorKind.SecurityError,
                $"{where} offers no {what} algorithm that this client accepts ({why}). The device offered: {string.Join(", ", offered)}. This client offered: {string.Join(", ", ours)}.",
                action, ex) { Target = where };
        }

        private static bool KnownBy(string algorithm)
        {
            var all = new ConnectionInfo("x", "x", new PasswordAuthenticationMethod("x", string.Empty));
            return all.KeyExchangeAlgorithms.ContainsKey(algorithm) || all.Encryptions.ContainsKey(algorithm)
                || all.HmacAlgorithms.ContainsKey(algorithm) || all.HostKeyAlgorithms.ContainsKey(algorithm);
        }

        private static IEnumerable<string> Offer(ConnectionInfo info, string what)
        {
            if (info == null) return Enumerable.Empty<string>();
            if (what.StartsWith("key exchange", StringComparison.Ordinal)) return info.KeyExchangeAlgorithms.Keys;
            if (what.StartsWith("host key", StringComparison.Ordinal)) return info.HostKeyAlgorithms.Keys;
            if (what.StartsWith("encryption", StringComparison.Ordinal)) return info.Encryptions.Keys;
            if (what.StartsWith("MAC", StringComparison.OrdinalIgnoreCase)) return info.HmacAlgorithms.Keys;
            return Enumerable.Empty<string>();
        }

        private static string Keyword(string what) =>
            what.StartsWith("key exchange", StringComparison.Ordinal) ? "kex" : what.StartsWith("host key", StringComparison.Ordinal) ? "hostkey"
            : what.StartsWith("encryption", StringComparison.Ordinal) ? "encryption" : "mac";
    }

    /// <summary>The algorithms a connection negotiated (client to server; both directions normally agree).</summary>
    public sealed class NegotiatedAlgorithms
    {
        public string KeyExchange { get; set; }
        public string HostKeyAlgorithm { get; set; }
        public string Cipher { get; set; }
        /// <summary>The MAC, or "&lt;implicit&gt;" with an AEAD cipher (GCM, ChaCha20-Poly1305), as OpenSSH prints it.</summary>
        public string Mac { get; set; }

        /// <summary>"SHA-1 (key exchange diffie-hellman-group14-sha1, ...)" parts, empty when nothing is weak.</summary>
        public IReadOnlyList<string> Weaknesses =>
            new[] { ("key exchange", KeyExchange), ("host key signature", HostKeyAlgorithm), ("cipher", Cipher), ("MAC", Mac) }
                .Where(x => SshAlgorithms.Weakness(x.Item2) != null)
                .Select(x => $"{SshAlgorithms.Weakness(x.Item2)} ({x.Item1} {x.Item2})").ToList();

        public override string ToString() => $"kex {KeyExchange}, host key {HostKeyAlgorithm}, cipher {Cipher}, MAC {Mac}";

        public static NegotiatedAlgorithms From(ConnectionInfo info)
        {
            var cipher = info.CurrentClientEncryption;
            var aead = cipher != null && info.Encryptions.TryGetValue(cipher, out var c) && c.IsAead;
            return new NegotiatedAlgorithms
            {
                KeyExchange = info.CurrentKeyExchangeAlgorithm,
                HostKeyAlgorithm = info.CurrentHostKeyAlgorithm,
                Cipher = cipher,
                Mac = aead ? "<implicit>" : info.CurrentClientHmacAlgorithm,
            };
        }
    }
}
