using System;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// Server certificate check: the platform's chain and name validation by default, an exact SHA-256 / SHA-1 pin
    /// (which replaces chain and name checks), or nothing when the user opts out. Records why a handshake was refused
    /// on the request itself (not the connection: requests run in parallel) so the client can raise
    /// CertificateMismatch / CertificateUntrusted instead of a bare "SSL connection could not be established".
    /// </summary>
    internal sealed class CertificatePolicy
    {
        private readonly bool _skip;
        private readonly string _pin;
        private const string FailureKey = "SsmOnPrem.TlsFailure";

        internal sealed class Failure
        {
            internal string Id;
            internal string Message;
        }

        internal CertificatePolicy(bool skip, string thumbprint)
        {
            _skip = skip;
            _pin = string.IsNullOrWhiteSpace(thumbprint) ? null : Normalize(thumbprint);
        }

        internal static string Normalize(string thumbprint)
        {
            var hex = new StringBuilder();
            foreach (var c in thumbprint)
            {
                if (c == ':' || c == ' ' || c == '-') continue;
                if (!Uri.IsHexDigit(c))
                    throw new SsmOnPremException(OnPremErrorIds.InvalidThumbprint, SsmErrorKind.InvalidArgument,
                        "The certificate thumbprint must be hexadecimal (SHA-256: 64 digits, SHA-1: 40 digits).", "Copy the thumbprint from the server certificate, e.g. 'openssl x509 -noout -fingerprint -sha256'.");
                hex.Append(char.ToUpperInvariant(c));
            }
            if (hex.Length != 64 && hex.Length != 40)
                throw new SsmOnPremException(OnPremErrorIds.InvalidThumbprint, SsmErrorKind.InvalidArgument,
                    $"The certificate thumbprint has {hex.Length} hex digits; a SHA-256 thumbprint has 64 and a SHA-1 thumbprint 40.", "Copy the full thumbprint of the SSM On-Prem certificate.");
            return hex.ToString();
        }

        /// <summary>True when the pin is a SHA-1 thumbprint (accepted; SHA-256 is preferred).</summary>
        internal bool PinIsSha1 => _pin != null && _pin.Length == 40;

#pragma warning disable CS0618 // HttpRequestMessage.Properties: the per-request bag netstandard2.0 has
        internal static Failure FailureOf(HttpRequestMessage request) =>
            request != null && request.Properties.TryGetValue(FailureKey, out var f) ? f as Failure : null;

        private static bool Refuse(HttpRequestMessage request, string id, string message)
        {
            if (request != null) request.Properties[FailureKey] = new Failure { Id = id, Message = message };
            return false;
        }
#pragma warning restore CS0618

        internal bool Validate(HttpRequestMessage request, X509Certificate2 certificate, X509Chain chain, SslPolicyErrors errors)
        {
            if (_skip) return true;
            if (_pin != null)
            {
                var sha256 = Sha256(certificate);
                var actual = _pin.Length == 64 ? sha256 : Hex(Sha1(certificate));
                if (string.Equals(actual, _pin, StringComparison.Ordinal)) return true;
                return Refuse(request, OnPremErrorIds.CertificateMismatch,
                    $"The server certificate (SHA-256 {sha256}, subject '{certificate?.Subject}') does not match the pinned thumbprint {_pin}.");
            }
            if (errors == SslPolicyErrors.None) return true;
            return Refuse(request, OnPremErrorIds.CertificateUntrusted,
                $"The server certificate (subject '{certificate?.Subject}', SHA-256 {Sha256(certificate)}) is not trusted: {errors}.");
        }

        internal static string Sha256(X509Certificate2 certificate)
        {
            if (certificate == null) return "(none)";
            using (var sha = SHA256.Create()) return Hex(sha.ComputeHash(certificate.RawData));
        }

        private static byte[] Sha1(X509Certificate2 certificate)
        {
            using (var sha = SHA1.Create()) return sha.ComputeHash(certificate.RawData);
        }

        private static string Hex(byte[] bytes)
        {
            var sb = new StringBuilder(bytes.Length * 2);
            foreach (var b in bytes) sb.Append(b.ToString("X2"));
            return sb.ToString();
        }
    }
}
