using System;
using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Platforms
{
    /// <summary>
    /// The lab's counterpart of a client platform driver (src/SsmOnPrem.Client/Devices/Platforms): one class per platform
    /// owns who its devices are, how they greet, prompt, page and refuse, their factory configuration, how the running
    /// configuration is printed and saved, and the syslog facility they print. The command tables (Cli/CommandTables)
    /// and license outputs (Licensing/) still branch on <see cref="CliFamily"/> where a platform adds a few lines.
    /// docs/ARCHITECTURE.md, "How the lab mirrors the drivers".
    /// </summary>
    public abstract class LabPlatform
    {
        public abstract CliFamily Family { get; }

        /// <summary>"IOS-XE", "NX-OS", "IOS-XR", "ASA": the contract's wording (and the client driver's DisplayName).</summary>
        public abstract string DisplayName { get; }

        /// <summary>Hostname, release, PID and serial of a device of this kind.</summary>
        public abstract void Describe(DeviceProfile p, Func<string, string> serial);

        // ---- login, prompts, paging, errors ----

        public virtual CliMode LoginMode => CliMode.UserExec;
        public virtual string LoginBanner => "\n";
        public virtual string MorePrompt => " --More-- ";

        public virtual string Prompt(string host, CliMode mode) => host + ModeSuffix(mode);

        protected virtual string ModeSuffix(CliMode mode) => mode switch
        {
            CliMode.UserExec => ">",
            CliMode.PrivExec => "#",
            CliMode.Config => "(config)#",
            CliMode.CallHome => "(config-call-home)#",
            CliMode.CallHomeProfile => "(config-call-home-profile)#",
            CliMode.SmartLic => "(config-smart-lic)#",
            _ => "#",
        };

        /// <summary>The error block (IOS wording); caret counts from the start of the prompt.</summary>
        public virtual string ErrorText(MatchKind kind, string caret, string line) => kind switch
        {
            MatchKind.Incomplete => "% Incomplete command.\n\n",
            MatchKind.Ambiguous => $"% Ambiguous command:  \"{line.Trim()}\"\n",
            _ => caret + "% Invalid input detected at '^' marker.\n\n",
        };

        // ---- configuration ----

        /// <summary>The factory configuration (with Cisco's own call-home profile, which the lab cannot reach).</summary>
        public abstract ConfigNode DefaultConfig(DeviceProfile p);

        /// <summary>'show running-config' / 'show startup-config' in this platform's layout, its header stamped with <paramref name="times"/>.</summary>
        public abstract string RenderConfig(DeviceProfile p, ConfigNode root, string section, bool startup, ConfigTimes times);

        /// <summary>Adds this platform's save commands ('copy running-config startup-config', 'write memory') with their real questions and output.</summary>
        public abstract void AddSaveCommands(Action<string, Func<CommandContext, Task<string>>> priv);

        /// <summary>Whether a commit (IOS-XR) also writes the configuration that survives a reload.</summary>
        public virtual bool CommitPersists => false;

        /// <summary>Copies the running configuration to the startup configuration.</summary>
        protected static void Save(CommandContext c) => c.Device.SaveStartup();

        protected static void Body(StringBuilder text, ConfigNode node, int depth, int indentUnit, bool bangs)
        {
            foreach (var c in node.Children)
            {
                text.Append(' ', depth * indentUnit).Append(c.Line).Append('\n');
                if (c.Children.Count > 0)
                {
                    Body(text, c, depth + 1, indentUnit, bangs);
                    if (bangs) text.Append(' ', depth * indentUnit).Append("!\n");
                }
            }
        }

        protected static string Now(string format) => At(DateTime.UtcNow, format);

        protected static string At(DateTime time, string format) => time.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

        // ---- syslog ----

        /// <summary>
        /// A syslog line as this platform prints it. Callers write IOS-XE's form ("%SMART_LIC-6-AGENT_REG_SUCCESS: text");
        /// platforms with another facility or header rewrite it (IOS-XR: "%LICENSE-SMART_LIC-6-... : text").
        /// </summary>
        public virtual string SyslogLine(DeviceProfile p, string message) => $"*{Now("MMM dd HH:mm:ss.fff")}: {message}";

        // ---- the catalogue ----

        private static readonly Dictionary<CliFamily, LabPlatform> ByFamily = new Dictionary<CliFamily, LabPlatform>
        {
            [CliFamily.IosXe] = new IosXeLab(),
            [CliFamily.Nxos] = new NxOsLab(),
            [CliFamily.IosXr] = new IosXrLab(),
            [CliFamily.Asa] = new AsaLab(),
        };

        public static LabPlatform For(PlatformKind kind) => ByFamily[FamilyOf(kind)];

        /// <summary>The one place that maps the lab's platform kinds (which include the release) to a platform.</summary>
        public static CliFamily FamilyOf(PlatformKind kind) => kind switch
        {
            PlatformKind.Nxos9 or PlatformKind.Nxos10 => CliFamily.Nxos,
            PlatformKind.IosXr => CliFamily.IosXr,
            PlatformKind.Asa => CliFamily.Asa,
            _ => CliFamily.IosXe,
        };
    }

    /// <summary>The times a configuration's header prints: its last change, and the last write of the startup configuration.</summary>
    public readonly struct ConfigTimes
    {
        public ConfigTimes(DateTime changedAt, DateTime savedAt) { ChangedAt = changedAt; SavedAt = savedAt; }
        public DateTime ChangedAt { get; }
        public DateTime SavedAt { get; }
    }
}
