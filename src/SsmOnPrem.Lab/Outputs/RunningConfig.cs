using System;
using System.Linq;
using System.Text;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Outputs
{
    /// <summary>'show running-config [section]' in each platform's layout, rendered from the device's config tree.</summary>
    public static class RunningConfig
    {
        public static string Render(CliSession s, string section)
        {
            var d = s.Device;
            ConfigNode root;
            lock (d.Sync) root = d.Config.Clone();
            if (section != null)
            {
                var keep = root.Children.Where(c => c.Line.StartsWith(section, StringComparison.OrdinalIgnoreCase)).ToList();
                root = new ConfigNode("");
                root.Children.AddRange(keep);
            }
            var text = new StringBuilder();
            var indentUnit = s.Platform.Family == CliFamily.Nxos ? 2 : 1;
            void Body(ConfigNode node, int depth, bool bangs)
            {
                foreach (var c in node.Children)
                {
                    text.Append(' ', depth * indentUnit).Append(c.Line).Append('\n');
                    if (c.Children.Count > 0)
                    {
                        Body(c, depth + 1, bangs);
                        if (bangs) text.Append(' ', depth * indentUnit).Append("!\n");
                    }
                }
            }
            var now = DateTime.UtcNow.ToString("ddd MMM d HH:mm:ss yyyy", System.Globalization.CultureInfo.InvariantCulture);
            switch (s.Platform.Family)
            {
                case CliFamily.Nxos:
                    text.Append("\n!Command: show running-config").Append(section == null ? "" : " " + section).Append('\n');
                    text.Append("!Running configuration last done at: ").Append(now).Append('\n');
                    text.Append("!Time: ").Append(now).Append("\n\n");
                    Body(root, 0, false);
                    text.Append('\n');
                    break;
                case CliFamily.IosXr:
                    text.Append("Building configuration...\n!! IOS XR Configuration ").Append(d.Profile.Release).Append('\n');
                    text.Append("!! Last configuration change at ").Append(now).Append(" by ").Append(d.Profile.Username).Append("\n!\n");
                    Body(root, 0, true);
                    text.Append("end\n\n");
                    break;
                case CliFamily.Asa:
                    text.Append(": Saved\n\n:\n: Serial Number: ").Append(d.Profile.SerialNumber).Append("\n: Hardware:   ").Append(d.Profile.Pid).Append("\n:\nASA Version ").Append(d.Profile.Release).Append("\n!\n");
                    Body(root, 0, true);
                    text.Append(": end\n");
                    break;
                default:
                    var body = new StringBuilder();
                    var saved = text; text = body; Body(root, 0, true); text = saved;
                    text.Append("Building configuration...\n\nCurrent configuration : ").Append(body.Length + 120).Append(" bytes\n!\n");
                    text.Append("! Last configuration change at ").Append(DateTime.UtcNow.ToString("HH:mm:ss 'UTC' ddd MMM d yyyy", System.Globalization.CultureInfo.InvariantCulture)).Append(" by ").Append(d.Profile.Username).Append("\n!\n");
                    text.Append(body).Append("!\nend\n\n");
                    break;
            }
            return text.ToString();
        }
    }
}
