using System;
using System.Text;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Platforms
{
    /// <summary>NX-OS (9.3 legacy Smart Licensing, 10.3 SLP): Nexus 9300; logs in privileged; 'callhome'.</summary>
    public sealed class NxOsLab : LabPlatform
    {
        public override CliFamily Family => CliFamily.Nxos;
        public override string DisplayName => "NX-OS";

        public override void Describe(DeviceProfile p, Func<string, string> serial)
        {
            p.Hostname = $"n9k-{p.Index:D4}"; p.Platform = DisplayName; p.SerialNumber = serial("FDO");
            if (p.Kind == PlatformKind.Nxos9) { p.Release = "9.3(8)"; p.Pid = "N9K-C93180YC-FX"; }
            else { p.Release = "10.3(4a)"; p.Pid = "N9K-C93180YC-FX3"; }
        }

        public override CliMode LoginMode => CliMode.PrivExec;
        public override string LoginBanner =>
            "Cisco Nexus Operating System (NX-OS) Software\nTAC support: http://www.cisco.com/tac\nCopyright (C) 2002-2023, Cisco and/or its affiliates.\nAll rights reserved.\n";

        public override string Prompt(string host, CliMode mode) => base.Prompt(host, mode) + " ";

        protected override string ModeSuffix(CliMode mode) => mode == CliMode.CallHome ? "(config-callhome)#" : base.ModeSuffix(mode);

        public override string ErrorText(MatchKind kind, string caret, string line) => kind switch
        {
            MatchKind.Incomplete => caret + "% Incomplete command at '^' marker.\n",
            MatchKind.Ambiguous => caret + "% Ambiguous command at '^' marker.\n",
            _ => caret + "% Invalid command at '^' marker.\n",
        };

        public override ConfigNode DefaultConfig(DeviceProfile p)
        {
            var root = new ConfigNode("");
            root.Children.Add(new ConfigNode("version " + p.Release + " Bios:version 05.47"));
            root.Children.Add(new ConfigNode("hostname " + p.Hostname));
            root.Children.Add(new ConfigNode("feature ssh"));
            var s = Devices.DefaultConfig.Secrets(p);
            root.Children.Add(new ConfigNode("username admin password 5 " + s[1] + "  role network-admin"));
            root.Children.Add(new ConfigNode("snmp-server user admin network-admin auth md5 " + s[4] + " priv " + s[4] + " localizedkey"));
            root.Children.Add(new ConfigNode("snmp-server community " + s[2] + " group network-operator"));
            root.Children.Add(new ConfigNode("tacacs-server key 7 \"" + s[3] + "\""));
            var nx = new ConfigNode("callhome");
            nx.Children.Add(new ConfigNode("email-contact sch-smart-licensing@cisco.com"));
            nx.Children.Add(new ConfigNode("destination-profile CiscoTAC-1 transport-method http"));
            nx.Children.Add(new ConfigNode("destination-profile CiscoTAC-1 index 1 http " + Devices.DefaultConfig.CiscoCallHomeUrl));
            nx.Children.Add(new ConfigNode("transport http use-vrf management"));
            nx.Children.Add(new ConfigNode("enable"));
            root.Children.Add(nx);
            return root;
        }

        public override string RenderConfig(DeviceProfile p, ConfigNode root, string section, bool startup, ConfigTimes times)
        {
            var text = new StringBuilder();
            const string format = "ddd MMM d HH:mm:ss yyyy";
            text.Append("\n!Command: show ").Append(startup ? "startup-config" : "running-config").Append(section == null ? "" : " " + section).Append('\n');
            // The change (or save) time, then the time of this show (tests/fixtures/device-outputs/nxos9_show-running-config-callhome_cssm.txt).
            text.Append(startup ? "!Startup config saved at: " : "!Running configuration last done at: ").Append(At(startup ? times.SavedAt : times.ChangedAt, format)).Append('\n');
            text.Append("!Time: ").Append(Now(format)).Append("\n\n");
            Body(text, root, 0, 2, false);
            text.Append('\n');
            return text.ToString();
        }

        // 'copy running-config startup-config' asks nothing; it prints a progress bar, then "Copy complete, now saving to
        // disk (please wait)..." and "Copy complete." (Cisco Nexus 9000 Series NX-OS Fundamentals Configuration Guide,
        // "Saving the Running Configuration"; the same output in Cisco's NX-OS interface-breakout procedure.)
        public override void AddSaveCommands(Action<string, Func<CommandContext, Task<string>>> priv)
        {
            priv("copy running-config startup-config", c =>
            {
                Save(c);
                return Task.FromResult("[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.\n");
            });
        }
    }
}
