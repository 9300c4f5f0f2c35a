using System;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>
    /// Platform names as the rest of the module spells them: IOS-XE, NX-OS, IOS-XR, ASA. From a hint when given,
    /// otherwise from what the text betrays (IOS XR prompts and syslog prefixes, the PID in the UDI, NX-OS-only wording).
    /// </summary>
    public static class PlatformDetector
    {
        public const string IosXe = "IOS-XE", NxOs = "NX-OS", IosXr = "IOS-XR", Asa = "ASA";

        /// <summary>"iosxe", "IOS XE", "xe" → "IOS-XE", etc.; anything else is returned trimmed.</summary>
        public static string Normalize(string platform)
        {
            if (string.IsNullOrWhiteSpace(platform)) return null;
            var p = platform.Trim().ToLowerInvariant().Replace("-", "").Replace(" ", "").Replace("_", "").Replace("cisco", "");
            switch (p)
            {
                case "iosxe": case "xe": case "ios": return IosXe;
                case "nxos": case "nexus": case "nx": return NxOs;
                case "iosxr": case "xr": return IosXr;
                case "asa": case "ftd": case "firepower": return Asa;
                default: return platform.Trim();
            }
        }

        internal static string Detect(CliDocument document, LicenseStatus status, string command)
        {
            foreach (var prompt in document.Prompts)
                if (IsXrNode(prompt)) return IosXr;
            foreach (var m in document.SyslogMessages)
                if (IsXrNode(m.Header) || m.Facility.StartsWith("LICENSE-", StringComparison.Ordinal)) return IosXr;

            var fromPid = FromPid(status.Udi?.Pid);
            if (fromPid != null) return fromPid;

            if (command == LicenseCommands.ShowRunningConfigCallhome) return NxOs;
            foreach (var line in document.Lines)
            {
                var t = line.Text;
                if (t.StartsWith("Initiated device registration with backend", StringComparison.OrdinalIgnoreCase)
                    || t.StartsWith("Smart License Conversion:", StringComparison.Ordinal)
                    || t.StartsWith("Enforcement Type:", StringComparison.Ordinal)
                    || (t.StartsWith("Feature ", StringComparison.Ordinal) && t.IndexOf(" Ins ", StringComparison.Ordinal) > 0))
                    return NxOs;
                if (t.StartsWith("Registration process is in progress", StringComparison.OrdinalIgnoreCase)
                    || t.StartsWith("Smart Licensing Status:", StringComparison.OrdinalIgnoreCase)
                    || t.StartsWith("Current smart-licensing transport settings", StringComparison.OrdinalIgnoreCase))
                    return IosXe;
            }
            return null;
        }

        private static bool IsXrNode(string text) =>
            text != null && text.StartsWith("RP/", StringComparison.Ordinal) && text.IndexOf("/CPU", StringComparison.Ordinal) > 0;

        /// <summary>Platform from a product id: N9K-... NX-OS, ASAv/FPR ASA, NCS/ASR9K/8000/XRv IOS-XR, other Cisco routers and switches IOS-XE.</summary>
        public static string FromPid(string pid)
        {
            if (string.IsNullOrEmpty(pid)) return null;
            var p = pid.ToUpperInvariant();
            if (p.StartsWith("N9K", StringComparison.Ordinal) || p.StartsWith("N3K", StringComparison.Ordinal) || p.StartsWith("N5K", StringComparison.Ordinal)
                || p.StartsWith("N6K", StringComparison.Ordinal) || p.StartsWith("N7K", StringComparison.Ordinal) || p.StartsWith("N77", StringComparison.Ordinal)
                || p.StartsWith("NEXUS", StringComparison.Ordinal))
                return NxOs;
            if (p.StartsWith("ASA", StringComparison.Ordinal) || p.StartsWith("FPR", StringComparison.Ordinal) || p.StartsWith("FIREPOWER", StringComparison.Ordinal))
                return Asa;
            if (p.StartsWith("NCS", StringComparison.Ordinal) || p.StartsWith("ASR-9", StringComparison.Ordinal) || p.StartsWith("ASR9", StringComparison.Ordinal)
                || p.StartsWith("8201", StringComparison.Ordinal) || p.StartsWith("8202", StringComparison.Ordinal) || p.StartsWith("8800", StringComparison.Ordinal)
                || p.StartsWith("XRV", StringComparison.Ordinal) || p.StartsWith("IOSXRV", StringComparison.Ordinal))
                return IosXr;
            if (p.StartsWith("C9", StringComparison.Ordinal) || p.StartsWith("C8", StringComparison.Ordinal) || p.StartsWith("CSR", StringComparison.Ordinal)
                || p.StartsWith("ISR", StringComparison.Ordinal) || p.StartsWith("ASR1", StringComparison.Ordinal) || p.StartsWith("C1", StringComparison.Ordinal)
                || p.StartsWith("CAT", StringComparison.Ordinal) || p.StartsWith("IE-", StringComparison.Ordinal) || p.StartsWith("C3", StringComparison.Ordinal))
                return IosXe;
            return null;
        }
    }
}
