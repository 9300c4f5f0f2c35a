using System.Linq;
using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>Several outputs of one device into one status (what Get-SsmLicenseStatus does on a live device).</summary>
    public class MergeTests
    {
        [Fact]
        public void StatusUdiAndSummaryOfOneDevice()
        {
            var s = LicenseOutputParser.ParseMany(new (string, string)[]
            {
                ("show license status", FixtureText.Read("iosxe17_show-license-status_slp-cslu-acked.txt")),
                ("show license udi", FixtureText.Read("iosxe17_show-license-udi_ha-stack.txt")),
                ("show license summary", FixtureText.Read("iosxe17_show-license-summary_slp-account-none.txt")),
            });
            Assert.Equal(LicensingMode.SmartLicensingUsingPolicy, s.Mode);
            Assert.Equal(RegistrationStatus.NotApplicable, s.RegistrationStatus);
            Assert.Equal("SA-Switching-Polaris", s.SmartAccount);                // from status; the summary's <none> does not erase it
            Assert.Equal(TransportType.Cslu, s.TransportType);
            Assert.NotNull(s.LastAckReceived);
            Assert.Equal("FOC2705Y8X0", s.Udi.SerialNumber);                     // from udi
            Assert.Equal(4, s.HaUdis.Count);
            Assert.Equal(4, s.Licenses.Count);                                    // from summary
            Assert.Equal("IOS-XE", s.Platform);
            Assert.Equal("show license status; show license udi; show license summary", s.Command);
        }

        [Fact]
        public void FirstValueWinsAndInputsAreNotChanged()
        {
            var a = new LicenseStatus { RegistrationStatus = RegistrationStatus.Registered, SmartAccount = "A" };
            var b = new LicenseStatus { RegistrationStatus = RegistrationStatus.Failed, SmartAccount = "B", VirtualAccount = "VB" };
            b.Warnings.Add("w");
            var m = LicenseOutputParser.Merge(a, b);
            Assert.Equal(RegistrationStatus.Registered, m.RegistrationStatus);
            Assert.Equal("A", m.SmartAccount);
            Assert.Equal("VB", m.VirtualAccount);
            Assert.Equal(new[] { "w" }, m.Warnings);
            Assert.Null(a.VirtualAccount);
        }

        [Fact]
        public void OutputsThatAreNotLicenseOutputAreSkippedWithAWarning()
        {
            var s = LicenseOutputParser.ParseMany(new (string, string)[]
            {
                ("show license status", FixtureText.Read("iosxe16_show-license-status_registered.txt")),
                ("show license udi", "% Invalid input detected at '^' marker."),
            });
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Contains(s.Warnings, w => w.Contains("'show license udi'"));
            Assert.Throws<NotLicenseOutputException>(() => LicenseOutputParser.ParseMany(new (string, string)[] { (null, "hello") }));
        }
    }
}
