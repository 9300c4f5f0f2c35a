using System.Linq;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests.Devices
{
    public class PlatformDriverTests
    {
        [Theory]
        [InlineData("Cisco IOS XE Software, Version 16.09.04\nCisco IOS Software [Fuji], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 16.9.4, RELEASE SOFTWARE (fc2)\ncisco C9300-24P (X86) processor with 1392780K/6147K bytes of memory.\nProcessor board ID FCW2125L0BH\n",
            DevicePlatform.IosXe, "16.09.04", LicensingMode.SmartLicensing, "C9300-24P", "FCW2125L0BH")]
        [InlineData("Cisco IOS XE Software, Version 17.03.01\ncisco ISR4451-X/K9 (2RU) processor with 1795979K/6147K bytes of memory.\nProcessor board ID FOC21520MFK\n",
            DevicePlatform.IosXe, "17.03.01", LicensingMode.SmartLicensing, "ISR4451-X/K9", "FOC21520MFK")]
        [InlineData("Cisco IOS XE Software, Version 17.03.02\nProcessor board ID FOC21520MFK\n",
            DevicePlatform.IosXe, "17.03.02", LicensingMode.SmartLicensingUsingPolicy, null, "FOC21520MFK")]
        [InlineData("Cisco IOS XE Software, Version 17.09.04a\n", DevicePlatform.IosXe, "17.09.04a", LicensingMode.SmartLicensingUsingPolicy, null, null)]
        [InlineData("Cisco Nexus Operating System (NX-OS) Software\nSoftware\n  NXOS: version 9.3(8)\nHardware\n  cisco Nexus9000 C9300v Chassis\n  Processor Board ID 9N3KD63KWT0\n",
            DevicePlatform.NxOs, "9.3(8)", LicensingMode.SmartLicensing, "Nexus9000 C9300v", "9N3KD63KWT0")]
        [InlineData("Cisco Nexus Operating System (NX-OS) Software\n  NXOS: version 10.2(3)\n", DevicePlatform.NxOs, "10.2(3)", LicensingMode.SmartLicensingUsingPolicy, null, null)]
        [InlineData("Cisco IOS XR Software, Version 7.2.2\ncisco NCS-5500 () processor\n", DevicePlatform.IosXr, "7.2.2", LicensingMode.SmartLicensing, "NCS-5500", null)]
        [InlineData("Cisco IOS XR Software, Version 24.1.1 LNT\n", DevicePlatform.IosXr, "24.1.1", LicensingMode.SmartLicensingUsingPolicy, null, null)]
        [InlineData("Cisco Adaptive Security Appliance Software Version 9.16(3)19\nHardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)\nSerial Number: JAD21280ABC\n",
            DevicePlatform.Asa, "9.16(3)19", LicensingMode.SmartLicensing, "ASA5516", "JAD21280ABC")]
        public void Detects_platform_release_and_mode(string showVersion, DevicePlatform platform, string release, LicensingMode mode, string model, string serial)
        {
            var profile = PlatformDriver.Detect(showVersion);
            Assert.Equal(platform, profile.Platform);
            var id = profile.ReadIdentity(showVersion, "dev1");
            Assert.Equal(release, id.Release);
            Assert.Equal(mode, id.LicensingMode);
            Assert.Equal(model, id.Model);
            Assert.Equal(serial, id.SerialNumber);
            Assert.Equal("dev1", id.Hostname);
        }

        [Fact]
        public void Unknown_output_gets_the_generic_profile() =>
            Assert.Equal(DevicePlatform.Unknown, PlatformDriver.Detect("Linux foo 6.1").Platform);

        [Fact]
        public void Every_platform_has_exactly_one_profile() =>
            Assert.Equal(new[] { DevicePlatform.IosXe, DevicePlatform.NxOs, DevicePlatform.IosXr, DevicePlatform.Asa },
                PlatformDriver.All.Select(p => p.Platform).ToArray());

        [Fact]
        public void Profiles_carry_the_platform_differences()
        {
            Assert.Equal("terminal pager 0", PlatformDriver.For(DevicePlatform.Asa).PagingCommand);
            Assert.Equal("terminal length 0", PlatformDriver.For(DevicePlatform.NxOs).PagingCommand);
            Assert.Equal(ConfigCommitStyle.Commit, PlatformDriver.For(DevicePlatform.IosXr).CommitStyle);
            Assert.Equal(ConfigCommitStyle.Immediate, PlatformDriver.For(DevicePlatform.IosXe).CommitStyle);
            var legacy = PlatformDriver.For(DevicePlatform.IosXe).LicensingCommandsFor(LicensingMode.SmartLicensing);
            var slp = PlatformDriver.For(DevicePlatform.IosXe).LicensingCommandsFor(LicensingMode.SmartLicensingUsingPolicy);
            Assert.True(legacy.SupportsRegister && !legacy.SupportsTrust);
            Assert.True(slp.SupportsTrust && slp.SupportsSync && !slp.SupportsRegister);
            Assert.Equal("license smart register idtoken abcdefgh12 force", legacy.Register("abcdefgh12", true));
            Assert.Equal("license smart trust idtoken abcdefgh12 local", slp.Trust("abcdefgh12", false, false));
            Assert.Equal(new[] { "license smart transport cslu", "license smart url cslu https://op.example/cslu/v1/pi/LVA-1" },
                slp.Transport(DeviceTransportKind.Cslu, "https://op.example/cslu/v1/pi/LVA-1").ToArray());
            Assert.Contains("reporting smart-licensing-data",
                PlatformDriver.For(DevicePlatform.IosXr).LicensingCommandsFor(LicensingMode.SmartLicensing).Transport(DeviceTransportKind.CallHome, "https://op/x"));
            Assert.Throws<SsmOnPrem.Client.Devices.UnsafeCliArgumentException>(() => legacy.Register("abc\nreload x", false));
        }

        [Theory]
        [InlineData("17.03.04a", "17.3.2", true)]
        [InlineData("17.3.1", "17.3.2", false)]
        [InlineData("10.2(3)", "10.2", true)]
        [InlineData("9.3(8)", "10.2", false)]
        [InlineData("7.0(3)I7(8)", "10.2", false)]
        public void Compares_cisco_releases(string release, string min, bool atLeast) => Assert.Equal(atLeast, ReleaseVersion.AtLeast(release, min));
    }
}
