using System.Collections.Generic;
using System.Linq;
using SsmOnPrem.Client.Parsing;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    public class SharedTextTests
    {
        // Built at run time, as a workflow builds its lines: equal text, different instances.
        private static string Line(string url) => "destination address http " + url;

        [Fact]
        public void EqualLinesOfTwoResultsBecomeOneInstance()
        {
            var pool = new SharedText();
            var first = new List<string> { Line("https://onprem:443/x"), "end" };
            var second = new List<string> { Line("https://onprem:443/x"), "end" };
            Assert.NotSame(first[0], second[0]);

            pool.Share(first);
            pool.Share(second);

            Assert.Same(first[0], second[0]);
            Assert.Equal(new[] { Line("https://onprem:443/x"), "end" }, second);
            Assert.Equal(second.Count, second.Capacity);
        }

        [Fact]
        public void StopsGrowingAtItsBoundAndKeepsLaterTextsAsTheyCome()
        {
            var pool = new SharedText();
            foreach (var i in Enumerable.Range(0, SharedText.MaxEntries + 10)) pool.Share("device line " + i);

            var late = "device line " + (SharedText.MaxEntries + 5);
            Assert.Same(late, pool.Share(late));
            var early = "device line " + 3;
            Assert.NotSame(early, pool.Share(early));
            Assert.Equal(early, pool.Share(early));
            Assert.Null(pool.Share((string)null));
        }

        // Two devices' results as a run builds them: equal texts in different instances (a new string per device).
        private static RegistrationResult Result(string serial, string hostname) => new RegistrationResult
        {
            ComputerName = "10.0.0." + serial.Length,
            Hostname = Copy(hostname),
            Release = Copy("17.9.4a"),
            Cipher = Copy("aes128-gcm@openssh.com"),
            Mac = Copy("hmac-sha2-256"),
            FailureReason = Copy("timed out after 30 s"),
            CommandsSent = new List<string> { Copy("license smart register idtoken ****") },
            LicenseStatus = new LicenseStatus
            {
                Command = Copy("show license all"),
                SmartAccount = Copy("BU Production Test"),
                VirtualAccount = Copy("Campus"),
                RegistrationStatusText = Copy("REGISTERED"),
                TransportUrl = Copy("https://onprem.example.com/Transportgateway/services/DeviceRequestHandler"),
                Udi = new Udi { Pid = Copy("C9300-24T"), SerialNumber = Copy(serial) },
                Licenses = new List<LicenseUsage>
                {
                    new LicenseUsage { Name = Copy("network-advantage"), EntitlementTag = Copy("regid.2017-03.com.cisco.advantagek9,1.0"), Status = Copy("IN USE") },
                },
            },
        };

        private static string Copy(string text) => new string(text.ToCharArray());

        [Fact]
        public void ResultsOfTwoDevicesShareTheirFleetWideTextsAndKeepTheirOwn()
        {
            var pool = new SharedText();
            var first = Result("FOC1111X1AB", "edge-1");
            var second = Result("FOC2222X2CD", "edge-1");
            Assert.NotSame(first.Cipher, second.Cipher);

            pool.Share(first);
            pool.Share(second);

            Assert.Same(first.Release, second.Release);
            Assert.Same(first.Cipher, second.Cipher);
            Assert.Same(first.Mac, second.Mac);
            Assert.Same(first.CommandsSent[0], second.CommandsSent[0]);
            Assert.Same(first.LicenseStatus.Command, second.LicenseStatus.Command);
            Assert.Same(first.LicenseStatus.SmartAccount, second.LicenseStatus.SmartAccount);
            Assert.Same(first.LicenseStatus.VirtualAccount, second.LicenseStatus.VirtualAccount);
            Assert.Same(first.LicenseStatus.RegistrationStatusText, second.LicenseStatus.RegistrationStatusText);
            Assert.Same(first.LicenseStatus.TransportUrl, second.LicenseStatus.TransportUrl);
            Assert.Same(first.LicenseStatus.Udi.Pid, second.LicenseStatus.Udi.Pid);
            Assert.Same(first.LicenseStatus.Licenses[0].Name, second.LicenseStatus.Licenses[0].Name);
            Assert.Same(first.LicenseStatus.Licenses[0].EntitlementTag, second.LicenseStatus.Licenses[0].EntitlementTag);
            Assert.Same(first.LicenseStatus.Licenses[0].Status, second.LicenseStatus.Licenses[0].Status);
            // Texts that are a device's own never enter the pool, even when two devices happen to print the same.
            Assert.NotSame(first.Hostname, second.Hostname);
            Assert.NotSame(first.FailureReason, second.FailureReason);
            Assert.Equal("FOC2222X2CD", second.LicenseStatus.Udi.SerialNumber);
            Assert.Equal("BU Production Test", second.LicenseStatus.SmartAccount);
        }

        [Fact]
        public void AResultWithoutLicensingStateOrLicensesIsLeftAsItIs()
        {
            var pool = new SharedText();
            var result = new RegistrationResult { ComputerName = "10.0.0.1", Release = "17.9.4a" };
            pool.Share(result);
            pool.Share(new LicenseStatus { Licenses = null });
            pool.Share((RegistrationResult)null);
            pool.Share((LicenseStatus)null);
            Assert.Null(result.LicenseStatus);
            Assert.Equal("17.9.4a", result.Release);
        }
    }
}
