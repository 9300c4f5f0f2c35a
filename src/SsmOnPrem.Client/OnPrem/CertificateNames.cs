using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>The names a server certificate is valid for: DNS and IP subject alternative names, or the CN when it has none.</summary>
    public sealed class CertificateNames
    {
        public IReadOnlyList<string> DnsNames { get; set; } = new List<string>();
        public IReadOnlyList<string> IpAddresses { get; set; } = new List<string>();
        /// <summary>The subject's common name (used only when the certificate has no DNS/IP SANs, as RFC 6125 says).</summary>
        public string CommonName { get; set; }
        public string Subject { get; set; }
        public string Sha256 { get; set; }

        public bool HasSubjectAlternativeNames => DnsNames.Count > 0 || IpAddresses.Count > 0;

        /// <summary>Every name, for messages: SANs, or the CN when there are none.</summary>
        public IReadOnlyList<string> All => HasSubjectAlternativeNames
            ? DnsNames.Concat(IpAddresses).ToList()
            : (CommonName != null ? new List<string> { CommonName } : new List<string>());

        /// <summary>
        /// Whether a client that reached the server by <paramref name="host"/> accepts this certificate's name (RFC 6125:
        /// an IP must be an IP SAN; a name must match a DNS SAN, '*' only as the whole left-most label; the CN only without SANs).
        /// </summary>
        public bool Covers(string host)
        {
            if (string.IsNullOrEmpty(host)) return false;
            host = host.Trim().TrimEnd('.');
            if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
            {
                if (HasSubjectAlternativeNames) return IpAddresses.Any(a => IPAddress.TryParse(a, out var x) && x.Equals(ip));
                return CommonName != null && IPAddress.TryParse(CommonName, out var cn) && cn.Equals(ip);
            }
            var names = HasSubjectAlternativeNames ? DnsNames : (CommonName != null ? new List<string> { CommonName } : new List<string>());
            return names.Any(n => NameMatches(n, host));
        }

        internal static bool NameMatches(string pattern, string host)
        {
            pattern = (pattern ?? "").Trim().TrimEnd('.');
            if (string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase)) return true;
            if (!pattern.StartsWith("*.", StringComparison.Ordinal)) return false;
            var dot = host.IndexOf('.');
            // '*' stands for exactly one label, and never for a label of a bare top-level name.
            return dot > 0 && pattern.Count(c => c == '.') >= 2
                && string.Equals(pattern.Substring(1), host.Substring(dot), StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Reads the names of a certificate (SANs from extension 2.5.29.17, parsed from DER: netstandard2.0 has no SAN API).</summary>
        public static CertificateNames Of(X509Certificate2 certificate)
        {
            var dns = new List<string>();
            var ips = new List<string>();
            foreach (var extension in certificate.Extensions)
            {
                if (extension.Oid?.Value != "2.5.29.17") continue;
                SubjectAltNames.Read(extension.RawData, dns, ips);
            }
            var cn = certificate.GetNameInfo(X509NameType.SimpleName, false);
            return new CertificateNames
            {
                DnsNames = dns,
                IpAddresses = ips,
                CommonName = string.IsNullOrEmpty(cn) ? null : cn,
                Subject = certificate.Subject,
                Sha256 = CertificatePolicy.Sha256(certificate),
            };
        }
    }

    /// <summary>Just enough DER to read GeneralNames: dNSName [2] IA5String and iPAddress [7] OCTET STRING.</summary>
    internal static class SubjectAltNames
    {
        internal static void Read(byte[] der, List<string> dns, List<string> ips)
        {
            var pos = 0;
            if (der == null || der.Length < 2 || der[pos++] != 0x30) return;   // SEQUENCE OF GeneralName
            var end = ReadLength(der, ref pos);
            end = Math.Min(der.Length, pos + end);
            while (pos < end)
            {
                var tag = der[pos++];
                var length = ReadLength(der, ref pos);
                if (length < 0 || pos + length > end) return;
                if (tag == 0x82) dns.Add(System.Text.Encoding.ASCII.GetString(der, pos, length));
                else if (tag == 0x87 && (length == 4 || length == 16))
                {
                    var bytes = new byte[length];
                    Array.Copy(der, pos, bytes, 0, length);
                    ips.Add(new IPAddress(bytes).ToString());
                }
                pos += length;
            }
        }

        private static int ReadLength(byte[] der, ref int pos)
        {
            if (pos >= der.Length) return -1;
            int first = der[pos++];
            if (first < 0x80) return first;
            var count = first & 0x7F;
            if (count == 0 || count > 3) return -1;
            var length = 0;
            for (var i = 0; i < count && pos < der.Length; i++) length = (length << 8) | der[pos++];
            return length;
        }
    }
}
