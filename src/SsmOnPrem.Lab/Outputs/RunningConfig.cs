using System;
using System.Linq;
using System.Text;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;
using SsmOnPrem.Lab.Platforms;

namespace SsmOnPrem.Lab.Outputs
{
    /// <summary>'show running-config [section]' and 'show startup-config' in each platform's layout (Platforms/*Lab), from the device's config trees.</summary>
    public static class RunningConfig
    {
        public static string Render(CliSession s, string section, bool startup = false)
        {
            var d = s.Device;
            ConfigNode root;
            ConfigTimes times;
            lock (d.Sync)
            {
                root = (startup ? d.Startup : d.Config).Clone();
                times = new ConfigTimes(startup ? d.StartupChangedAt : d.ConfigChangedAt, d.StartupSavedAt);
            }
            if (section != null)
            {
                var keep = root.Children.Where(c => c.Line.StartsWith(section, StringComparison.OrdinalIgnoreCase)).ToList();
                root = new ConfigNode("");
                root.Children.AddRange(keep);
            }
            return d.Platform.RenderConfig(d.Profile, root, section, startup, times);
        }
    }
}
