using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;
using Xunit;

namespace SsmOnPrem.Client.Tests.OnPrem
{
    public class DeviceCertificateCheckTests
    {
        private static X509Certificate2 Certificate(string cn, Action<SubjectAlternativeNameBuilder> sans)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=" + cn, key, HashAlgorithmName.SHA256);
            if (sans != null)
            {
                var b = new SubjectAlternativeNameBuilder();
                sans(b);
                request.CertificateExtensions.Add(b.Build());
            }
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx, "x"), "x");
        }

        [Fact]
        public void ReadsDnsAndIpSubjectAlternativeNames()
        {
            using var cert = Certificate("ignored.example", b =>
            {
                b.AddDnsName("onprem.example.com"); b.AddDnsName("*.site.example");
                b.AddIpAddress(IPAddress.Parse("10.1.2.3")); b.AddIpAddress(IPAddress.Parse("2001:db8::5"));
            });
            var names = CertificateNames.Of(cert);
            Assert.Equal(new[] { "onprem.example.com", "*.site.example" }, names.DnsNames);
            Assert.Equal(new[] { "10.1.2.3", "2001:db8::5" }, names.IpAddresses);
            Assert.Equal("ignored.example", names.CommonName);
            Assert.Equal(64, names.Sha256.Length);
        }

        [Theory]
        [InlineData("onprem.example.com", true)]
        [InlineData("ONPREM.Example.com.", true)]     // case and a trailing dot do not matter
        [InlineData("a.site.example", true)]          // '*' is one whole label
        [InlineData("b.a.site.example", false)]       // never two
        [InlineData("site.example", false)]           // nor none
        [InlineData("10.1.2.3", true)]
        [InlineData("10.1.2.4", false)]
        [InlineData("2001:db8::5", true)]
        [InlineData("ignored.example", false)]        // the CN does not count when there are SANs (RFC 6125)
        [InlineData("onprem", false)]                 // a short name is another name
        public void CoversTheNamesADeviceAccepts(string host, bool covered)
        {
            using var cert = Certificate("ignored.example", b =>
            {
                b.AddDnsName("onprem.example.com"); b.AddDnsName("*.site.example");
                b.AddIpAddress(IPAddress.Parse("10.1.2.3")); b.AddIpAddress(IPAddress.Parse("2001:db8::5"));
            });
            Assert.Equal(covered, CertificateNames.Of(cert).Covers(host));
        }

        [Fact]
        public void FallsBackToTheCommonNameOnlyWithoutSubjectAlternativeNames()
        {
            using var cert = Certificate("onprem.example.com", null);
            var names = CertificateNames.Of(cert);
            Assert.False(names.HasSubjectAlternativeNames);
            Assert.True(names.Covers("onprem.example.com"));
            Assert.False(names.Covers("10.0.0.1"));
            Assert.Equal(new[] { "onprem.example.com" }, names.All);
        }

        [Fact]
        public void AWildcardNeedsTwoDotsSoItNeverCoversATopLevelName()
        {
            using var cert = Certificate("x", b => b.AddDnsName("*.example"));
            Assert.False(CertificateNames.Of(cert).Covers("host.example"));
        }

        [Fact]
        public async Task FetchesTheCertificateOfARealTlsPortAndRefusesAHostItDoesNotCarry()
        {
            using var cert = Certificate("onprem.lab.test", b => b.AddDnsName("onprem.lab.test"));
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var server = Task.Run(async () =>
            {
                using var client = await listener.AcceptTcpClientAsync();
                using var tls = new SslStream(client.GetStream());
                try { await tls.AuthenticateAsServerAsync(cert); } catch (Exception) { }
            });
            try
            {
                var url = new Uri($"https://127.0.0.1:{port}/Transportgateway/services/DeviceRequestHandler");
                var names = DeviceCertificateCheck.Fetch(url, null, TimeSpan.FromSeconds(10));
                Assert.Equal(new[] { "onprem.lab.test" }, names.DnsNames);
                var ex = Assert.Throws<SsmOnPremException>(() => DeviceCertificateCheck.Require(url, names));
                Assert.Equal(DeviceCertificateCheck.DeviceUrlNotInCertificate, ex.ErrorId);
                Assert.Equal(SsmErrorKind.SecurityError, ex.Kind);
                Assert.Contains("'127.0.0.1'", ex.Message);
                Assert.Contains("onprem.lab.test", ex.Message);
                Assert.Contains("-DeviceHost onprem.lab.test", ex.RecommendedAction);
                Assert.Contains("no http secure server-identity-check", ex.RecommendedAction);
                DeviceCertificateCheck.Require(new Uri($"https://onprem.lab.test:{port}/x"), names);   // the carried name passes
            }
            finally
            {
                listener.Stop();
                await server;
            }
        }

        [Fact]
        public void APortWithNothingListeningIsUnreadableNotAMismatch()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var ex = Assert.Throws<SsmOnPremException>(() => DeviceCertificateCheck.Fetch(new Uri($"https://127.0.0.1:{port}/"), null, TimeSpan.FromSeconds(5)));
            Assert.Equal(DeviceCertificateCheck.DeviceCertificateUnreadable, ex.ErrorId);
            Assert.Contains($"127.0.0.1:{port}", ex.Message);
        }
    }
}
