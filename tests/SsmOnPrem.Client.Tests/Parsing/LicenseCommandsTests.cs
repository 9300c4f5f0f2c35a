using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests.Parsing
{
    public class LicenseCommandsTests
    {
        [Theory]
        [InlineData("show license all", LicenseCommands.ShowLicenseAll)]
        [InlineData("sh lic al", LicenseCommands.ShowLicenseAll)]
        [InlineData("do show license status", LicenseCommands.ShowLicenseStatus)]
        [InlineData("show lic stat", LicenseCommands.ShowLicenseStatus)]
        [InlineData("show license", LicenseCommands.ShowLicenseStatus)]
        [InlineData("show license summary", LicenseCommands.ShowLicenseSummary)]
        [InlineData("Show License UDI", LicenseCommands.ShowLicenseUdi)]
        [InlineData("show license usage", LicenseCommands.ShowLicenseUsage)]
        [InlineData("show license tech support", LicenseCommands.ShowLicenseTechSupport)]
        [InlineData("show license tech-support", LicenseCommands.ShowLicenseTechSupport)]
        [InlineData("show version | include Smart", LicenseCommands.ShowVersion)]
        [InlineData("show run callhome", LicenseCommands.ShowRunningConfigCallhome)]
        [InlineData("license smart register idtoken *** force", LicenseCommands.LicenseSmartRegister)]
        [InlineData("syslog", LicenseCommands.Syslog)]
        public void Normalizes(string typed, string expected) => Assert.Equal(expected, LicenseCommands.Normalize(typed));

        [Theory]
        [InlineData("show clock")]
        [InlineData("show license blah")]
        [InlineData("")]
        [InlineData(null)]
        [InlineData("s license all")]
        public void RefusesOthers(string typed) => Assert.Null(LicenseCommands.Normalize(typed));

        [Theory]
        [InlineData("iosxe", "IOS-XE")]
        [InlineData("IOS XE", "IOS-XE")]
        [InlineData("nx-os", "NX-OS")]
        [InlineData("IOS-XR", "IOS-XR")]
        [InlineData("asa", "ASA")]
        public void NormalizesPlatforms(string typed, string expected) => Assert.Equal(expected, PlatformDetector.Normalize(typed));
    }
}
