using System;
using System.Text;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Platforms
{
    /// <summary>IOS-XE (16.12 legacy Smart Licensing, 17.9 SLP): Catalyst 9300.</summary>
    public sealed class IosXeLab : LabPlatform
    {
        public override CliFamily Family => CliFamily.IosXe;
        public override string DisplayName => "IOS-XE";

        public override void Describe(DeviceProfile p, Func<string, string> serial)
        {
            p.Hostname = $"c9300-{p.Index:D4}"; p.Platform = DisplayName; p.SerialNumber = serial("FOC");
            if (p.Kind == PlatformKind.IosXe16) { p.Release = "16.12.4"; p.Pid = "C9300-24T"; }
            else { p.Release = "17.9.4"; p.Pid = "C9300-48P"; }
        }

        public override ConfigNode DefaultConfig(DeviceProfile p)
        {
            var root = new ConfigNode("");
            root.Children.Add(new ConfigNode("version " + p.Release.Substring(0, p.Release.LastIndexOf('.'))));
            root.Children.Add(new ConfigNode("service timestamps debug datetime msec"));
            root.Children.Add(new ConfigNode("service timestamps log datetime msec"));
            root.Children.Add(new ConfigNode("hostname " + p.Hostname));
            var s = Devices.DefaultConfig.Secrets(p);
            root.Children.Add(new ConfigNode("enable secret 9 " + s[0]));
            root.Children.Add(new ConfigNode("username netops privilege 15 secret 9 " + s[1]));
            if (p.Kind == PlatformKind.IosXe17) root.Children.Add(new ConfigNode("license boot level network-advantage addon dna-advantage"));
            var ch = new ConfigNode("call-home");
            ch.Children.Add(new ConfigNode("contact-email-addr sch-smart-licensing@cisco.com"));
            var prof = new ConfigNode("profile \"CiscoTAC-1\"");
            prof.Children.Add(new ConfigNode("active"));
            prof.Children.Add(new ConfigNode("destination transport-method http"));
            if (p.Kind == PlatformKind.IosXe16) prof.Children.Add(new ConfigNode("destination address http " + Devices.DefaultConfig.CiscoCallHomeUrl));
            ch.Children.Add(prof);
            root.Children.Add(ch);
            root.Children.Add(new ConfigNode("ip ssh version 2"));
            root.Children.Add(new ConfigNode("snmp-server community " + s[2] + " RO"));
            root.Children.Add(new ConfigNode("tacacs-server key 7 " + s[3]));
            return root;
        }

        public override string RenderConfig(DeviceProfile p, ConfigNode root, string section, bool startup, ConfigTimes times)
        {
            var body = new StringBuilder();
            Body(body, root, 0, 1, true);
            var text = new StringBuilder();
            // 'show startup-config' starts with the NVRAM usage instead of "Building configuration...".
            if (startup) text.Append("Using ").Append(body.Length + 120).Append(" out of 33554432 bytes\n!\n");
            else text.Append("Building configuration...\n\nCurrent configuration : ").Append(body.Length + 120).Append(" bytes\n!\n");
            // Both stamps as a real device prints them (securesenses.net, "Auditing Cisco configuration: startup vs running",
            // 2012: "! Last configuration change at 10:24:49 GMT Thu Mar 15 2012 by net-admin" / "! NVRAM config last updated at ...").
            const string format = "HH:mm:ss 'UTC' ddd MMM d yyyy";
            text.Append("! Last configuration change at ").Append(At(times.ChangedAt, format)).Append(" by ").Append(p.Username).Append('\n');
            text.Append("! NVRAM config last updated at ").Append(At(times.SavedAt, format)).Append(" by ").Append(p.Username).Append("\n!\n");
            text.Append(body).Append("!\nend\n\n");
            return text.ToString();
        }

        // 'copy running-config startup-config' asks "Destination filename [startup-config]?"; Enter keeps the default and
        // the device answers "Building configuration..." and "[OK]". 'write memory' asks nothing. (Cisco IOS XE
        // Configuration Fundamentals Configuration Guide, "Managing Configuration Files"; the same exchange is shown in
        // many published transcripts, e.g. netstuts.com "Saving & Managing Cisco Configurations".)
        public override void AddSaveCommands(Action<string, Func<CommandContext, Task<string>>> priv)
        {
            priv("write memory", c => { Save(c); return Task.FromResult("Building configuration...\n[OK]\n"); });
            priv("copy running-config startup-config", async c =>
            {
                await c.Session.WriteAsync("Destination filename [startup-config]? ");
                var answer = await c.Session.ReadLineAsync(echo: c.Session.Pty);
                if (answer == null) { c.Session.Close(); return null; }
                answer = answer.Trim();
                if (answer.Length > 0 && !answer.Equals("startup-config", StringComparison.OrdinalIgnoreCase))
                    return $"%Error opening nvram:{answer} (lab: only startup-config is emulated)\n";
                Save(c);
                return "Building configuration...\n[OK]\n";
            });
        }
    }
}
