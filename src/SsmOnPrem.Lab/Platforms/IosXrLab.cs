using System;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Platforms
{
    /// <summary>
    /// IOS-XR 7.5 (legacy Smart Licensing): NCS 5500. Configuration is a candidate until 'commit', and the commit is what
    /// survives a reload (no 'copy running-config startup-config'). The Smart Licensing agent logs from the smartlicserver
    /// process under the LICENSE group: "RP/0/RP0/CPU0:Nov 18 08:48:39.714 UTC: smartlicserver[392]:
    /// %LICENSE-SMART_LIC-6-AGENT_READY : Smart Agent for Licensing is initialized" (tests/fixtures/device-outputs/iosxr_syslog_*.txt).
    /// </summary>
    public sealed class IosXrLab : LabPlatform
    {
        public override CliFamily Family => CliFamily.IosXr;
        public override string DisplayName => "IOS-XR";

        public override void Describe(DeviceProfile p, Func<string, string> serial)
        {
            p.Hostname = $"xr-{p.Index:D4}"; p.Platform = DisplayName; p.Release = "7.5.2"; p.Pid = "NCS-55A1-24H"; p.SerialNumber = serial("FOC");
        }

        public override CliMode LoginMode => CliMode.PrivExec;
        public override string Prompt(string host, CliMode mode) => "RP/0/RP0/CPU0:" + base.Prompt(host, mode);
        public override bool CommitPersists => true;

        public override ConfigNode DefaultConfig(DeviceProfile p)
        {
            var root = new ConfigNode("");
            root.Children.Add(new ConfigNode("hostname " + p.Hostname));
            var s = Devices.DefaultConfig.Secrets(p);
            var user = new ConfigNode("username netops");
            user.Children.Add(new ConfigNode("group root-lr"));
            user.Children.Add(new ConfigNode("secret 10 " + s[1]));
            root.Children.Add(user);
            root.Children.Add(new ConfigNode("snmp-server community " + s[2] + " RO"));
            root.Children.Add(new ConfigNode("tacacs-server key 7 " + s[3]));
            var xr = new ConfigNode("call-home");
            xr.Children.Add(new ConfigNode("service active"));
            xr.Children.Add(new ConfigNode("contact smart-licensing"));
            var xp = new ConfigNode("profile CiscoTAC-1");
            xp.Children.Add(new ConfigNode("active"));
            xp.Children.Add(new ConfigNode("destination address http " + Devices.DefaultConfig.CiscoCallHomeUrl));
            xp.Children.Add(new ConfigNode("destination transport-method http"));
            xr.Children.Add(xp);
            root.Children.Add(xr);
            return root;
        }

        public override string RenderConfig(DeviceProfile p, ConfigNode root, string section, bool startup, ConfigTimes times)
        {
            var text = new StringBuilder();
            text.Append("Building configuration...\n!! IOS XR Configuration ").Append(p.Release).Append('\n');
            text.Append("!! Last configuration change at ").Append(At(times.ChangedAt, "ddd MMM d HH:mm:ss yyyy")).Append(" by ").Append(p.Username).Append("\n!\n");
            Body(text, root, 0, 1, true);
            text.Append("end\n\n");
            return text.ToString();
        }

        /// <summary>None: IOS-XR has no startup-config to copy to; 'commit' persists.</summary>
        public override void AddSaveCommands(Action<string, Func<CommandContext, Task<string>>> priv) { }

        private static readonly Regex IosForm = new Regex(@"^%(?<facility>[A-Z0-9_]+)-(?<sev>\d)-(?<mnemonic>[A-Z0-9_]+): ", RegexOptions.CultureInvariant);

        public override string SyslogLine(DeviceProfile p, string message)
        {
            var stamp = $"RP/0/RP0/CPU0:{Now("MMM d HH:mm:ss.fff")} UTC: ";
            var m = IosForm.Match(message);
            if (m.Success && m.Groups["facility"].Value == "SMART_LIC")
                return stamp + $"smartlicserver[392]: %LICENSE-SMART_LIC-{m.Groups["sev"].Value}-{m.Groups["mnemonic"].Value} : " + message.Substring(m.Length);
            if (message.StartsWith("%MGBL-CONFIG-", StringComparison.Ordinal)) return stamp + "config[65734]: " + message;
            return stamp + message;
        }
    }
}
