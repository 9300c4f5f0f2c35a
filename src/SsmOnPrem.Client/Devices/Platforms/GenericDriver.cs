using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>A device whose 'show version' we do not recognise: IOS-like defaults, and any Smart Licensing facility.</summary>
    public sealed class GenericDriver : PlatformDriver
    {
        public static readonly GenericDriver Instance = new GenericDriver();
        public override DevicePlatform Platform => DevicePlatform.Unknown;
        /// <summary>Null: results name no platform until one is recognised.</summary>
        public override string DisplayName => null;
        public override string Description => "a platform the module does not recognise";
        public override bool Matches(string showVersion) => true;
        protected override string ReadRelease(string showVersion) => First(showVersion, @"Version (?<v>[0-9][^\s,]*)");
        public override LicensingMode LicensingModeFor(string release) => LicensingMode.Unknown;
        public override LicensingCommands LicensingCommandsFor(LicensingMode mode) => new LicensingCommands { SupportsRegister = true };
        public override bool IsLicensingSyslog(SyslogMessage message) => message != null && message.IsSmartLicensing;
    }
}
