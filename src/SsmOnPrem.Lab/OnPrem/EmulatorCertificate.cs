using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SsmOnPrem.Lab.OnPrem
{
    /// <summary>
    /// The emulator's TLS certificate: self-signed for CN=127.0.0.1 with SANs 127.0.0.1 and localhost (clients pin its
    /// thumbprint instead of skipping validation), or loaded from a PFX so a lab restart keeps the same thumbprint.
    /// </summary>
    internal static class EmulatorCertificate
    {
        internal static X509Certificate2 LoadOrCreate(string pfxPath, string password, string dnsName = null)
        {
            if (!string.IsNullOrEmpty(pfxPath) && File.Exists(pfxPath))
                return X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password, X509KeyStorageFlags.Exportable);

            var pfx = CreatePfx(password, dnsName);
            if (!string.IsNullOrEmpty(pfxPath))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pfxPath)));
                File.WriteAllBytes(pfxPath, pfx);
            }
            return X509CertificateLoader.LoadPkcs12(pfx, password, X509KeyStorageFlags.Exportable);
        }

        private static byte[] CreatePfx(string password, string dnsName)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={dnsName ?? "127.0.0.1"}, O=SsmOnPrem Lab", key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            if (dnsName != null) san.AddDnsName(dnsName);   // a site certificate issued for its DNS name only
            else
            {
                san.AddIpAddress(IPAddress.Loopback);
                san.AddDnsName("localhost");
            }
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
            return cert.Export(X509ContentType.Pfx, password);
        }

        internal static string Sha256Hex(X509Certificate2 cert) => Convert.ToHexString(SHA256.HashData(cert.RawData));
    }
}
