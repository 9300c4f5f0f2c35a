using System.IO;
using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests
{
    public class FoundationParserTests
    {
        [Fact]
        public void RegisteredIosXeStatusIsRegistered()
        {
            var text = File.ReadAllText(Path.Combine("fixtures", "device-outputs", "iosxe16_show-license-status_registered.txt"));
            Assert.Equal(RegistrationStatus.Registered, LicenseOutputParser.Parse(text).RegistrationStatus);
        }

        [Fact]
        public void TextThatIsNotLicenseOutputIsRefused()
        {
            Assert.Throws<NotLicenseOutputException>(() => LicenseOutputParser.Parse("Building configuration...\nend\n"));
        }
    }
}
