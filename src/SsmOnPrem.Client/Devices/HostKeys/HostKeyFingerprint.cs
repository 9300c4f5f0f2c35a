using System;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SsmOnPrem.Client.Devices.HostKeys
{
    /// <summary>SHA256 fingerprints in OpenSSH's form ("SHA256:" + unpadded base64 of the key blob's hash).</summary>
    public static class HostKeyFingerprint
    {
        private static readonly Regex Sha256Form = new Regex(@"^(?:SHA256:)?(?<b64>[A-Za-z0-9+/]{43})=?$", RegexOptions.CultureInvariant);

        public static string Sha256(byte[] keyBlob)
        {
            using (var sha = SHA256.Create())
            {
                return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(keyBlob)).TrimEnd('=');
            }
        }

        /// <summary>Normalises user input ("SHA256:abc...", "abc...", with or without '=') to "SHA256:abc..."; null if it is not one.</summary>
        public static string Normalize(string fingerprint)
        {
            if (string.IsNullOrWhiteSpace(fingerprint)) return null;
            var m = Sha256Form.Match(fingerprint.Trim());
            return m.Success ? "SHA256:" + m.Groups["b64"].Value : null;
        }

        /// <summary>The key type a blob declares ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256").</summary>
        public static string KeyType(byte[] keyBlob)
        {
            if (keyBlob == null || keyBlob.Length < 4) return null;
            var length = (keyBlob[0] << 24) | (keyBlob[1] << 16) | (keyBlob[2] << 8) | keyBlob[3];
            if (length <= 0 || length > keyBlob.Length - 4 || length > 64) return null;
            return System.Text.Encoding.ASCII.GetString(keyBlob, 4, length);
        }
    }
}
