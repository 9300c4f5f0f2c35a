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

    /// <summary>
    /// Before any device is touched: does the certificate that the device-facing port presents carry the host name the
    /// devices are given? Devices check it (IOS-XE unless 'no http secure server-identity-check'), and when they refuse
    /// they only say "Fail to send out Call Home HTTP message." — see docs in about_SsmOnPrem ("first run at a real site").
    /// </summary>
    public static class DeviceCertificateCheck
    {
        public const string DeviceUrlNotInCertificate = "DeviceUrlNotInCertificate";
        public const string DeviceCertificateUnreadable = "DeviceCertificateUnreadable";

        /// <summary>
        /// Reads the certificate of <paramref name="deviceUrl"/>'s host and port, connecting to <paramref name="connectHost"/>
        /// (the address this machine reaches the server by; null: the URL's host) and sending the URL's host as SNI.
        /// Throws DeviceCertificateUnreadable when no TLS handshake completes.
        /// </summary>
        public static CertificateNames Fetch(Uri deviceUrl, string connectHost, TimeSpan timeout, CancellationToken ct = default)
        {
            if (deviceUrl == null) throw new ArgumentNullException(nameof(deviceUrl));
            var host = string.IsNullOrEmpty(connectHost) ? deviceUrl.Host : connectHost;
            var port = deviceUrl.Port;
            X509Certificate2 seen = null;
            try
            {
                using (var client = new TcpClient())
                {
                    var connect = client.ConnectAsync(host.Trim('[', ']'), port);
                    if (!connect.Wait((int)timeout.TotalMilliseconds, ct)) throw new TimeoutException($"no TCP connection within {timeout.TotalSeconds:0} s");
                    if (connect.IsFaulted) throw connect.Exception.GetBaseException();
                    using (var tls = new SslStream(client.GetStream(), false, (s, cert, chain, errors) =>
                    {
                        // Only the names are wanted here; trust is checked by the API connection (pin or chain).
                        if (cert != null) seen = new X509Certificate2(cert);
                        return true;
                    }))
                    {
                        var sni = IPAddress.TryParse(deviceUrl.Host.Trim('[', ']'), out _) ? host : deviceUrl.Host;
                        var handshake = tls.AuthenticateAsClientAsync(sni, null, SslProtocols.None, false);
                        if (!handshake.Wait((int)timeout.TotalMilliseconds, ct)) throw new TimeoutException($"no TLS handshake within {timeout.TotalSeconds:0} s");
                    }
                }
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                // The certificate arrived: whatever failed after it (our SSL settings, say) does not matter here.
                if (seen != null) return Finish(seen);
                var inner = ex is AggregateException agg ? agg.GetBaseException() : ex;
                throw new SsmOnPremException(DeviceCertificateUnreadable, SsmErrorKind.ConnectionError,
                    $"Could not read the certificate of the device-facing port {host}:{port}: {inner.Message}",
                    "Check that this machine reaches the device-facing port (-DevicePort on Connect-SsmOnPrem), or use -SkipCertificateNameCheck.", inner)
                { Target = $"{host}:{port}" };
            }
            if (seen == null)
                throw new SsmOnPremException(DeviceCertificateUnreadable, SsmErrorKind.ConnectionError,
                    $"The device-facing port {host}:{port} presented no certificate.", "Check -DevicePort on Connect-SsmOnPrem, or use -SkipCertificateNameCheck.") { Target = $"{host}:{port}" };
            return Finish(seen);
        }

        private static CertificateNames Finish(X509Certificate2 certificate)
        {
            using (certificate) return CertificateNames.Of(certificate);
        }

        /// <summary>Throws DeviceUrlNotInCertificate when the URL's host is not a name of <paramref name="names"/>.</summary>
        public static void Require(Uri deviceUrl, CertificateNames names)
        {
            if (names.Covers(deviceUrl.Host)) return;
            var host = deviceUrl.Host;
            var carried = names.All.Count == 0 ? "no names at all" : string.Join(", ", names.All);
            var where = names.HasSubjectAlternativeNames ? "subject alternative names" : "common name (it has no subject alternative names)";
            var isIp = IPAddress.TryParse(host.Trim('[', ']'), out _);
            var suggestion = names.DnsNames.FirstOrDefault(n => !n.StartsWith("*", StringComparison.Ordinal)) ?? names.CommonName;
            throw new SsmOnPremException(DeviceUrlNotInCertificate, SsmErrorKind.SecurityError,
                string.Format(CultureInfo.InvariantCulture,
                    "Devices would be sent to '{0}' ({1}), but the certificate on that port (subject '{2}', SHA-256 {3}) carries only these {4}: {5}. " +
                    "Devices that check the server identity (IOS-XE by default, IOS-XR) refuse it and only report 'Fail to send out Call Home HTTP message.' or 'Communication message send error'.",
                    host, deviceUrl.GetLeftPart(UriPartial.Authority), names.Subject, names.Sha256, where, carried),
                (suggestion != null ? $"Give the devices a name the certificate carries: Connect-SsmOnPrem ... -DeviceHost {suggestion} (the devices must resolve it: DNS or 'ip host'), or -Url with that host. " : "Give the devices a host name the certificate carries (-DeviceHost on Connect-SsmOnPrem, or -Url). ")
                + (isIp ? "Or re-issue the On-Prem certificate with this IP address as a subject alternative name. " : "Or re-issue the On-Prem certificate with this name. ")
                + "Or turn the devices' check off ('no http secure server-identity-check' on IOS-XE, 'http client secure-verify-peer disable' on IOS-XR) and run with -SkipCertificateNameCheck.")
            { Target = host };
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
