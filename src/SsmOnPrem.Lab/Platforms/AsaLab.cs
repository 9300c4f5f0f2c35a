using System;
using System.Text;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Platforms
{
    /// <summary>ASA 9.18 (legacy Smart Licensing): Firepower 2110 in ASA mode; 'terminal pager', 'write memory'.</summary>
    public sealed class AsaLab : LabPlatform
    {
        public override CliFamily Family => CliFamily.Asa;
        public override string DisplayName => "ASA";

        public override void Describe(DeviceProfile p, Func<string, string> serial)
        {
            p.Hostname = $"asa-{p.Index:D4}"; p.Platform = DisplayName; p.Release = "9.18(3)"; p.Pid = "FPR-2110"; p.SerialNumber = serial("JAD");
        }

        public override string LoginBanner => "Type help or '?' for a list of available commands.\n";
        public override string MorePrompt => "<--- More --->";

        protected override string ModeSuffix(CliMode mode) => mode == CliMode.CallHomeProfile ? "(cfg-call-home-profile)#" : base.ModeSuffix(mode);

        public override string ErrorText(MatchKind kind, string caret, string line) => kind switch
        {
            MatchKind.Incomplete => "ERROR: % Incomplete command\n",
            MatchKind.Ambiguous => $"ERROR: % Ambiguous command:  \"{line.Trim()}\"\n",
            _ => caret + "ERROR: % Invalid input detected at '^' marker.\n",
        };

        public override ConfigNode DefaultConfig(DeviceProfile p)
        {
            var root = new ConfigNode("");
            root.Children.Add(new ConfigNode("hostname " + p.Hostname));
            root.Children.Add(new ConfigNode("enable password ***** pbkdf2"));
            var s = Devices.DefaultConfig.Secrets(p);
            root.Children.Add(new ConfigNode("username netops password " + s[1] + " pbkdf2 privilege 15"));
            root.Children.Add(new ConfigNode("snmp-server community " + s[2]));
            var lic = new ConfigNode("license smart");
            lic.Children.Add(new ConfigNode("feature tier standard"));
            root.Children.Add(lic);
            var ac = new ConfigNode("call-home");
            var ap = new ConfigNode("profile License");
            ap.Children.Add(new ConfigNode("destination address http " + Devices.DefaultConfig.CiscoCallHomeUrl));
            ap.Children.Add(new ConfigNode("destination transport-method http"));
            ac.Children.Add(ap);
            root.Children.Add(ac);
            return root;
        }

        public override string RenderConfig(DeviceProfile p, ConfigNode root, string section, bool startup, ConfigTimes times)
        {
            var text = new StringBuilder();
            text.Append(": Saved\n\n:\n: Serial Number: ").Append(p.SerialNumber).Append("\n: Hardware:   ").Append(p.Pid).Append("\n:\nASA Version ").Append(p.Release).Append("\n!\n");
            Body(text, root, 0, 1, true);
            text.Append(": end\n");
            return text.ToString();
        }

        // 'write memory' asks nothing: "Building configuration...", "Cryptochecksum: ...", "N bytes copied in S secs",
        // "[OK]". 'copy running-config startup-config' first asks "Source filename [running-config]?" and
        // "Destination filename [startup-config]?". (Cisco ASA Series General Operations CLI Configuration Guide,
        // "Save the Running Configuration"; published transcripts show the same lines.)
        private static string Written(CommandContext c) =>
            "Building configuration...\nCryptochecksum: 1d7a3d8c 5c1a9f0e 2b7e43a1 98d4c2f7 \n\n7426 bytes copied in 0.160 secs\n[OK]\n";

        public override void AddSaveCommands(Action<string, Func<CommandContext, Task<string>>> priv)
        {
            priv("write memory", c => { Save(c); return Task.FromResult(Written(c)); });
            priv("copy running-config startup-config", async c =>
            {
                foreach (var question in new[] { "Source filename [running-config]? ", "Destination filename [startup-config]? " })
                {
                    await c.Session.WriteAsync(question);
                    var answer = await c.Session.ReadLineAsync(echo: c.Session.Pty);
                    if (answer == null) { c.Session.Close(); return null; }
                    if (answer.Trim().Length > 0) return $"%Error opening {answer.Trim()} (lab: only running-config to startup-config is emulated)\n";
                }
                Save(c);
                return "Cryptochecksum: 1d7a3d8c 5c1a9f0e 2b7e43a1 98d4c2f7 \n\n7426 bytes copied in 0.160 secs\n";
            });
        }

        /// <summary>ASA buffers its messages with the ASA facility in front ("%ASA-6-...").</summary>
        public override string SyslogLine(DeviceProfile p, string message) => $"%ASA-6-{message}";
    }
}
