using System.Collections.Generic;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Licensing
{
    public sealed class Entitlement
    {
        public string Name { get; set; }          // "network-advantage"
        public string Tag { get; set; }           // "C9300-24 Network Advantage" / entitlement tag
        public string Description { get; set; }
        public string LicenseType { get; set; }   // Perpetual | Subscription | Generic
    }

    /// <summary>The licenses each emulated platform has in use (what 'show license usage' lists and reports carry).</summary>
    public static class Entitlements
    {
        public static IReadOnlyList<Entitlement> For(DeviceProfile p)
        {
            switch (p.Kind)
            {
                case PlatformKind.IosXe16:
                case PlatformKind.IosXe17:
                    var model = p.Pid.StartsWith("C9300-24") ? "C9300-24" : "C9300-48";
                    return new[]
                    {
                        new Entitlement { Name = "network-advantage", Tag = model + " Network Advantage", Description = model + " Network Advantage", LicenseType = "Perpetual" },
                        new Entitlement { Name = "dna-advantage", Tag = model + " DNA Advantage", Description = model + " DNA Advantage", LicenseType = "Subscription" },
                    };
                case PlatformKind.Nxos9:
                case PlatformKind.Nxos10:
                    return new[] { new Entitlement { Name = "LAN_ENTERPRISE_SERVICES_PKG", Tag = "LAN_ENTERPRISE_SERVICES_PKG", Description = "LAN license for Nexus 9300-XF", LicenseType = "Generic" } };
                case PlatformKind.IosXr:
                    return new[] { new Entitlement { Name = "Advanced_Software", Tag = "ESS-AD-RTU-1", Description = "Advanced Software RTU", LicenseType = "Perpetual" } };
                default:
                    return new[] { new Entitlement { Name = "FPR2100 ASA Standard", Tag = "FPR2100-ASA-Std", Description = "Firepower 2100 ASA Standard", LicenseType = "Perpetual" } };
            }
        }
    }
}
