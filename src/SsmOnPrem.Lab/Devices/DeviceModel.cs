using SsmOnPrem.Lab.Sshd;
using System;
using System.Collections.Generic;
using System.Linq;

namespace SsmOnPrem.Lab.Devices
{
    /// <summary>The platforms the lab emulates. Slp = Smart Licensing Using Policy release (no 'register').</summary>
    public enum PlatformKind { IosXe16, IosXe17, Nxos9, Nxos10, IosXr, Asa }

    /// <summary>Who a device is: fixed at lab start, never changed by the CLI.</summary>
    public sealed class DeviceProfile
    {
        public int Index { get; set; }
        public string Hostname { get; set; }
        public PlatformKind Kind { get; set; }
        public string Platform { get; set; }        // "IOS-XE", "NX-OS", "IOS-XR", "ASA" (the contract's wording)
        public string Release { get; set; }
        public string Pid { get; set; }
        public string SerialNumber { get; set; }
        public string Username { get; set; }
        public string Password { get; set; }
        public string EnableSecret { get; set; }
        public string Address { get; set; } = "127.0.0.1";
        public int Port { get; set; }

        public bool IsSlp => Kind == PlatformKind.IosXe17 || Kind == PlatformKind.Nxos10;
        public string Udi => $"PID:{Pid},SN:{SerialNumber}";
    }

    /// <summary>Builds the devices of a lab from a platform list ("mix" cycles through every platform).</summary>
    public static class DeviceCatalog
    {
        public static readonly string[] PlatformNames = { "IOS-XE-16", "IOS-XE-17", "NX-OS-9", "NX-OS-10", "IOS-XR", "ASA" };

        public static PlatformKind ParseKind(string name)
        {
            switch ((name ?? "").Trim().ToUpperInvariant().Replace("_", "-"))
            {
                case "IOS-XE-16": case "IOSXE16": case "IOS-XE16": return PlatformKind.IosXe16;
                case "IOS-XE-17": case "IOSXE17": case "IOS-XE17": case "IOS-XE": case "IOSXE": return PlatformKind.IosXe17;
                case "NX-OS-9": case "NXOS9": case "NX-OS9": return PlatformKind.Nxos9;
                case "NX-OS-10": case "NXOS10": case "NX-OS10": case "NX-OS": case "NXOS": return PlatformKind.Nxos10;
                case "IOS-XR": case "IOSXR": case "XR": return PlatformKind.IosXr;
                case "ASA": return PlatformKind.Asa;
                default: throw new ArgumentException($"Unknown platform '{name}'. Use one of: {string.Join(", ", PlatformNames)}, or 'mix'.");
            }
        }

        public static IReadOnlyList<PlatformKind> ExpandPlatforms(IEnumerable<string> names)
        {
            var list = (names ?? Array.Empty<string>()).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (list.Count == 0 || list.Any(n => n.Equals("mix", StringComparison.OrdinalIgnoreCase)))
                return (PlatformKind[])Enum.GetValues(typeof(PlatformKind));
            return list.Select(ParseKind).ToList();
        }

        public static DeviceProfile Create(int index, PlatformKind kind, string password, Random random)
        {
            var p = new DeviceProfile { Index = index, Kind = kind, Username = LabUser.Name, Password = password };
            string serial(string prefix) => prefix + random.Next(1000, 9999) + (char)('A' + random.Next(26)) + random.Next(100, 999);
            Platforms.LabPlatform.For(kind).Describe(p, serial);
            p.EnableSecret = "En-" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).Substring(0, 10).ToLowerInvariant();
            return p;
        }
    }
}
