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
}
