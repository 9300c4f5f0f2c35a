using System;
using System.Collections.Generic;
using System.Linq;

namespace SsmOnPrem.Client.Common
{
    /// <summary>
    /// Replaces known secrets (passwords, client secrets, access and ID tokens) with a mask in any text that
    /// leaves the engine: verbose/debug messages, transcripts, error messages, results.
    /// One instance per connection or session; secrets are added as they become known.
    /// </summary>
    public sealed class SecretMasker
    {
        public const string Mask = "********";
        private readonly object _gate = new object();
        private string[] _secrets = Array.Empty<string>();

        public void Add(string secret)
        {
            // Very short values would mask ordinary words; no real secret of ours is that short.
            if (string.IsNullOrEmpty(secret) || secret.Length < 4) return;
            lock (_gate)
            {
                if (_secrets.Contains(secret)) return;
                // Longest first, so a secret that contains another is masked whole.
                _secrets = _secrets.Concat(new[] { secret }).OrderByDescending(s => s.Length).ToArray();
            }
        }

        public void AddRange(IEnumerable<string> secrets)
        {
            foreach (var s in secrets) Add(s);
        }

        public string Apply(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var secrets = _secrets;
            foreach (var secret in secrets)
            {
                if (text.IndexOf(secret, StringComparison.Ordinal) >= 0) text = text.Replace(secret, Mask);
            }
            return text;
        }
    }
}
