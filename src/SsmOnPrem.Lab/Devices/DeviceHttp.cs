using System;
using System.Net.Http;
using System.Net.Security;

namespace SsmOnPrem.Lab.Devices
{
    /// <summary>
    /// The HTTPS client emulated devices use to call the On-Prem emulator. A real device validates the server's
    /// certificate against its trustpoint; the lab's trustpoint is the emulator certificate's thumbprint.
    /// </summary>
    public static class DeviceHttp
    {
        public static HttpClient Create(string trustedThumbprint)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
                MaxConnectionsPerServer = 64,
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (sender, cert, chain, errors) =>
                        errors == SslPolicyErrors.None ||
                        (trustedThumbprint != null && cert != null && string.Equals(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(cert.GetRawCertData())), trustedThumbprint, StringComparison.OrdinalIgnoreCase)),
                },
            };
            return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(15) };
        }
    }
}
