using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;

namespace SsmOnPrem.Client.Devices.HostKeys
{
    /// <summary>What known_hosts says about a host and the key it presented.</summary>
    public enum KnownHostVerdict { Known, Unknown, Changed, Revoked }

    /// <summary>
    /// An OpenSSH known_hosts file: plain and hashed ("|1|salt|hash") host patterns, "[host]:port" for non-22 ports,
    /// wildcards and negation, @revoked markers (@cert-authority lines are ignored: SSH.NET does not do host certificates).
    /// Read on every check (cheap, and sees what other sessions just added); appends are serialised per file.
    /// </summary>
    public sealed class KnownHostsFile
    {
        private static readonly Dictionary<string, object> FileLocks = new Dictionary<string, object>(StringComparer.Ordinal);

        public KnownHostsFile(string path)
        {
            Path = System.IO.Path.GetFullPath(path ?? DefaultPath);
        }

        /// <summary>~/.ssh/known_hosts (on Windows %USERPROFILE%\.ssh\known_hosts, the file Windows OpenSSH uses).</summary>
        public static string DefaultPath =>
            System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "known_hosts");

        public string Path { get; }

        /// <summary>The name OpenSSH records: "host" on port 22, "[host]:port" otherwise; lowercased, as OpenSSH does before matching or hashing.</summary>
        public static string HostEntryName(string host, int port)
        {
            var name = (host ?? string.Empty).ToLowerInvariant();
            return port == 22 ? name : $"[{name}]:{port}";
        }

        /// <summary>Key types known_hosts holds for this host (to prefer them in the key exchange, as OpenSSH does).</summary>
        public IReadOnlyList<string> KeyTypesFor(string host, int port) =>
            ReadEntries().Where(e => !e.Revoked && e.MatchesHost(HostEntryName(host, port))).Select(e => e.KeyType).Distinct().ToList();

        public KnownHostVerdict Check(string host, int port, string keyType, byte[] keyBlob)
        {
            var name = HostEntryName(host, port);
            var key = Convert.ToBase64String(keyBlob);
            var entries = ReadEntries().ToList();
            if (entries.Any(e => e.Revoked && e.Key == key)) return KnownHostVerdict.Revoked;
            var forHost = entries.Where(e => !e.Revoked && e.MatchesHost(name)).ToList();
            if (forHost.Count == 0) return KnownHostVerdict.Unknown;
            return forHost.Any(e => e.Key == key && e.KeyType == keyType) ? KnownHostVerdict.Known : KnownHostVerdict.Changed;
        }

        /// <summary>
        /// Appends "name keytype base64" unless the host got a key meanwhile (AcceptNew from many threads: the check is
        /// repeated under the file's lock, so one entry is written and a different key is reported as Changed).
        /// The name is hashed ("|1|salt|hash") when the file already holds hashed names (HashKnownHosts users).
        /// Creates ~/.ssh as 0700 and the file as 0600. Returns Unknown when it wrote the entry.
        /// </summary>
        public KnownHostVerdict AddIfUnknown(string host, int port, string keyType, byte[] keyBlob)
        {
            lock (LockFor(Path))
            {
                var verdict = Check(host, port, keyType, keyBlob);
                if (verdict != KnownHostVerdict.Unknown) return verdict;
                var name = HostEntryName(host, port);
                var line = $"{(HoldsHashedNames() ? Hash(name) : name)} {keyType} {Convert.ToBase64String(keyBlob)}";
                var directory = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
                {
                    Directory.CreateDirectory(directory);
                    UnixPermissions.Set(directory, Convert.ToInt32("700", 8));
                }
                var created = !File.Exists(Path);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        // FileShare.Read: another process appending at the same moment waits for us (retry below).
                        // PrivateFile creates the file 0600 (restrictive ACL on Windows) in the same call.
                        using (var stream = SsmOnPrem.Client.Common.PrivateFile.OpenAppend(System.IO.Path.GetFullPath(Path), FileShare.Read, null))
                        {
                            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                            {
                                if (stream.Position > 0 && !EndsWithNewline()) writer.Write('\n');
                                writer.Write(line + "\n");
                            }
                        }
                        return KnownHostVerdict.Unknown;
                    }
                    catch (IOException) when (attempt < 20)
                    {
                        Thread.Sleep(25); // another process holds the file: a short back-off, not a wait for device output
                    }
                }
            }
        }

        /// <summary>Appends the key (see <see cref="AddIfUnknown"/>); nothing is written when the host already has this key.</summary>
        public void Add(string host, int port, string keyType, byte[] keyBlob) => AddIfUnknown(host, port, keyType, keyBlob);

        private bool HoldsHashedNames() => ReadEntries().Any(e => e.IsHashed);

        /// <summary>OpenSSH's hashed host name: "|1|" base64(20-byte salt) "|" base64(HMAC-SHA1(salt, name)).</summary>
        internal static string Hash(string name)
        {
            var salt = new byte[20];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(salt);
            using (var hmac = new HMACSHA1(salt))
                return "|1|" + Convert.ToBase64String(salt) + "|" + Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(name)));
        }

        private bool EndsWithNewline()
        {
            using (var s = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                if (s.Length == 0) return true;
                s.Seek(-1, SeekOrigin.End);
                return s.ReadByte() == '\n';
            }
        }

        private static object LockFor(string path)
        {
            lock (FileLocks)
            {
                if (!FileLocks.TryGetValue(path, out var gate)) FileLocks[path] = gate = new object();
                return gate;
            }
        }

        private IEnumerable<Entry> ReadEntries()
        {
            if (!File.Exists(Path)) yield break;
            string[] lines;
            using (var s = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var reader = new StreamReader(s))
            {
                lines = reader.ReadToEnd().Split('\n');
            }
            foreach (var raw in lines)
            {
                var entry = Entry.Parse(raw);
                if (entry != null) yield return entry;
            }
        }

        private sealed class Entry
        {
            private static readonly char[] Blanks = { ' ', '\t' };
            private string[] _patterns;
            public bool Revoked;
            public string KeyType;
            public string Key;
            public bool IsHashed => _patterns.Length > 0 && _patterns[0].StartsWith("|1|", StringComparison.Ordinal);

            public static Entry Parse(string raw)
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') return null;
                var fields = line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
                var i = 0;
                var entry = new Entry();
                if (fields[0].StartsWith("@", StringComparison.Ordinal))
                {
                    if (fields[0] == "@revoked") entry.Revoked = true;
                    else return null; // @cert-authority
                    i = 1;
                }
                if (fields.Length < i + 3) return null;
                entry._patterns = fields[i].Split(',');
                entry.KeyType = fields[i + 1];
                entry.Key = fields[i + 2];
                return entry;
            }

            public bool MatchesHost(string name)
            {
                var matched = false;
                foreach (var pattern in _patterns)
                {
                    if (pattern.StartsWith("|1|", StringComparison.Ordinal))
                    {
                        if (HashedMatches(pattern, name)) matched = true;
                        continue;
                    }
                    var negated = pattern.StartsWith("!", StringComparison.Ordinal);
                    var body = negated ? pattern.Substring(1) : pattern;
                    if (!WildcardMatches(body, name)) continue;
                    if (negated) return false; // a negated match rejects the line whatever else matches
                    matched = true;
                }
                return matched;
            }

            private static bool HashedMatches(string pattern, string name)
            {
                var parts = pattern.Split('|'); // "", "1", salt, hash
                if (parts.Length != 4) return false;
                try
                {
                    using (var hmac = new HMACSHA1(Convert.FromBase64String(parts[2])))
                    {
                        var hash = Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(name)));
                        return hash == parts[3];
                    }
                }
                catch (FormatException)
                {
                    return false;
                }
            }

            private static bool WildcardMatches(string pattern, string name)
            {
                if (pattern.IndexOf('*') < 0 && pattern.IndexOf('?') < 0) return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
                var regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
                return Regex.IsMatch(name, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            }
        }
    }
}
