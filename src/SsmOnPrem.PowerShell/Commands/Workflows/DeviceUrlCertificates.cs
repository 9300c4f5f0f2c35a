using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Client.Workflows;

namespace SsmOnPrem.Commands
{
    /// <summary>Register-SsmDevice's check, before any device is touched, that the device-facing URLs' hosts are names of the certificate there.</summary>
    internal static class DeviceUrlCertificates
    {
        // connectHost: how this machine reaches the server (the connection's -Server), or null to use each URL's host.
        internal static void Check(RegistrationRequest request, string connectHost, Action<string> verbose, Action<string> warn, CancellationToken ct)
        {
            var urls = new[] { request.CallHomeUrl, request.SmartTransportUrl, request.CsluUrl }
                .Where(u => !string.IsNullOrEmpty(u))
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null)
                .Where(u => u != null && string.Equals(u.Scheme, "https", StringComparison.OrdinalIgnoreCase))
                .GroupBy(u => u.GetLeftPart(UriPartial.Authority), StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .ToList();
            foreach (var url in urls)
            {
                CertificateNames names;
                try { names = DeviceCertificateCheck.Fetch(url, connectHost, TimeSpan.FromSeconds(10), ct); }
                catch (SsmOnPremException ex) when (ex.ErrorId == DeviceCertificateCheck.DeviceCertificateUnreadable)
                {
                    // This machine may not reach the device-facing port (another network, a NAT): say so, do not stop the run.
                    warn($"The certificate names were not checked: {ex.Message}");
                    continue;
                }
                DeviceCertificateCheck.Require(url, names);
                verbose($"The certificate on {url.GetLeftPart(UriPartial.Authority)} carries '{url.Host}' ({string.Join(", ", names.All)}).");
            }
        }
    }
}
