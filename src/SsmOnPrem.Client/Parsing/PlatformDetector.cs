using System.Linq;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>
    /// Platform names as the rest of the module spells them (the drivers' DisplayName: IOS-XE, NX-OS, IOS-XR, ASA). From a
    /// hint when given, otherwise from what the text betrays; every clue (prompts, syslog, PIDs, wording) is the drivers'
    /// own (Devices/Platforms, docs/ARCHITECTURE.md).
    /// </summary>
    public static class PlatformDetector
    {
        /// <summary>"iosxe", "IOS XE", "xe" → "IOS-XE", etc.; anything else is returned trimmed.</summary>
        public static string Normalize(string platform)
        {
            if (string.IsNullOrWhiteSpace(platform)) return null;
            return PlatformDriver.ForName(platform)?.DisplayName ?? platform.Trim();
        }

        internal static string Detect(CliDocument document, LicenseStatus status, string command)
        {
            var drivers = PlatformDriver.All;
            foreach (var prompt in document.Prompts)
                foreach (var d in drivers) if (d.IsOwnPrompt(prompt)) return d.DisplayName;
            foreach (var m in document.SyslogMessages)
                foreach (var d in drivers) if (d.IsOwnSyslog(m)) return d.DisplayName;

            var fromPid = FromPid(status.Udi?.Pid);
            if (fromPid != null) return fromPid;

            foreach (var d in drivers) if (d.IsOwnCommand(command)) return d.DisplayName;
            foreach (var line in document.Lines)
                foreach (var d in drivers) if (d.IsOwnOutputLine(line.Text)) return d.DisplayName;
            return null;
        }

        /// <summary>Platform from a product id (the drivers' PID prefixes): N9K-... NX-OS, ASAv/FPR ASA, NCS/ASR9K IOS-XR, C9xxx/ISR IOS-XE.</summary>
        public static string FromPid(string pid) => PlatformDriver.ForPid(pid)?.DisplayName;
    }
}
