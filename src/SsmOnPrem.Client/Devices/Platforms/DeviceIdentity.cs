using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>Who the device is, from its prompt and 'show version'.</summary>
    public sealed class DeviceIdentity
    {
        public string Hostname { get; set; }
        public DevicePlatform Platform { get; set; }
        public string Release { get; set; }
        public string Model { get; set; }
        public string SerialNumber { get; set; }

        /// <summary>Legacy Smart Licensing or Smart Licensing Using Policy, decided by platform and release.</summary>
        public LicensingMode LicensingMode { get; set; }

        public override string ToString() => $"{Hostname} ({Platform} {Release})";
    }
}
