using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Devices;
using SsmOnPrem.Lab.Outputs;
using SsmOnPrem.Lab.Licensing;

namespace SsmOnPrem.Lab.Cli
{
    /// <summary>The commands each mode accepts, per platform family. Handlers are small; licensing lives in LicenseCommands.</summary>
    public static class CommandTables
    {
        public static Dictionary<CliMode, List<CommandSpec>> Build(PlatformCli cli)
        {
            var t = new Dictionary<CliMode, List<CommandSpec>>();
            foreach (CliMode m in Enum.GetValues(typeof(CliMode))) t[m] = new List<CommandSpec>();
            void Exec(string pattern, Func<CommandContext, Task<string>> h) { t[CliMode.UserExec].Add(new CommandSpec(pattern, h)); t[CliMode.PrivExec].Add(new CommandSpec(pattern, h)); }
            void Priv(string pattern, Func<CommandContext, Task<string>> h) => t[CliMode.PrivExec].Add(new CommandSpec(pattern, h));
            void In(CliMode mode, string pattern, Func<CommandContext, Task<string>> h) => t[mode].Add(new CommandSpec(pattern, h));
            Func<CommandContext, Task<string>> Sync(Func<CommandContext, string> f) => c => Task.FromResult(f(c));
            var family = cli.Family;

            // ---- EXEC ----
            if (cli.LoginMode == CliMode.UserExec) In(CliMode.UserExec, "enable", EnableAsync);
            Priv("enable", Sync(c => ""));
            if (family == CliFamily.IosXe || family == CliFamily.Asa) Priv("disable", Sync(c => { c.Session.Mode = CliMode.UserExec; return ""; }));
            foreach (var word in new[] { "exit", "logout", "quit" }) Exec(word, Sync(c => { c.Session.Close(); return ""; }));
            if (family == CliFamily.Asa)
            {
                Exec("terminal pager NUM", Sync(c => { c.Session.TerminalLength = int.Parse(c.Arg(0)); return ""; }));
                Exec("terminal pager lines NUM", Sync(c => { c.Session.TerminalLength = int.Parse(c.Arg(0)); return ""; }));
            }
            else Exec("terminal length NUM", Sync(c => { c.Session.TerminalLength = int.Parse(c.Arg(0)); return ""; }));
            Exec("terminal width NUM", Sync(c => { c.Session.TerminalWidth = int.Parse(c.Arg(0)); return ""; }));
            Exec("terminal monitor", Sync(c => { c.Session.Monitor = true; return ""; }));
            Exec(family == CliFamily.Asa ? "no terminal monitor" : "terminal no monitor", Sync(c => { c.Session.Monitor = false; return ""; }));
            Exec("show version", Sync(c => ShowVersion.Render(c.Device, c.Session.Lab)));
            Exec("show clock", Sync(c => ShowClock()));
            // Ansible's IOS terminal plugin (network_cli) runs it after 'enable' to confirm the privilege level.
            if (family == CliFamily.IosXe) Exec("show privilege", Sync(c => $"Current privilege level is {(c.Session.Mode == CliMode.UserExec ? 1 : 15)}\n"));
            // Ping with a VRF and a source interface, each platform's order (see Ping: the lab has one network, so both only shape the command).
            Exec("ping WORD", c => Ping.RunAsync(c));
            if (family == CliFamily.Nxos)
            {
                Exec("ping WORD vrf WORD", c => Ping.RunAsync(c));
                Exec("ping WORD source-interface WORD", c => Ping.RunAsync(c));
                Exec("ping WORD vrf WORD source-interface WORD", c => Ping.RunAsync(c));
            }
            else if (family == CliFamily.Asa) Exec("ping WORD WORD", c => Ping.RunAsync(c, hostArgument: 1));
            else
            {
                Exec("ping vrf WORD WORD", c => Ping.RunAsync(c, hostArgument: 1));
                Exec("ping WORD source WORD", c => Ping.RunAsync(c));
                Exec("ping vrf WORD WORD source WORD", c => Ping.RunAsync(c, hostArgument: 1));
            }
            Priv("show logging", Sync(c => { lock (c.Device.Sync) return "Syslog logging: enabled\n\nLog Buffer (102400 bytes):\n" + string.Join("\n", c.Device.Log) + "\n"; }));
            Priv("show running-config", Sync(c => RunningConfig.Render(c.Session, null)));
            Priv("show running-config WORD", Sync(c => RunningConfig.Render(c.Session, c.Arg(0))));
            if (family != CliFamily.IosXr) Priv("show startup-config", Sync(c => RunningConfig.Render(c.Session, null, startup: true)));
            if (family == CliFamily.IosXr) Priv("configure", Sync(c => EnterConfig(c)));
            Priv("configure terminal", Sync(c => EnterConfig(c)));
            cli.Behaviour.AddSaveCommands(Priv);
            LicenseCommands.AddExec(cli, Exec, Priv);

            // ---- configuration ----
            foreach (var mode in new[] { CliMode.Config, CliMode.CallHome, CliMode.CallHomeProfile, CliMode.SmartLic })
            {
                In(mode, "end", c => EndConfigAsync(c));
                In(mode, "exit", c => ExitConfigAsync(c));
                if (family == CliFamily.IosXr) { In(mode, "commit", Sync(c => Commit(c))); In(mode, "abort", Sync(c => { c.Session.Candidate = null; c.Session.Mode = CliMode.PrivExec; c.Session.ConfigPath.Clear(); return ""; })); }
            }
            In(CliMode.Config, "hostname WORD", Sync(c => Set(c, "hostname", "hostname " + c.Arg(0))));
            if (family == CliFamily.Nxos)
            {
                In(CliMode.Config, "callhome", Sync(c => Enter(c, CliMode.CallHome, "callhome")));
                In(CliMode.CallHome, "email-contact WORD", Sync(c => Set(c, "email-contact", "email-contact " + c.Arg(0))));
                In(CliMode.CallHome, "destination-profile WORD transport-method http", Sync(c => Set(c, $"destination-profile {c.Arg(0)} transport-method", $"destination-profile {c.Arg(0)} transport-method http")));
                In(CliMode.CallHome, "destination-profile WORD http WORD", Sync(c => Set(c, $"destination-profile {c.Arg(0)} index 1 http", $"destination-profile {c.Arg(0)} index 1 http {c.Arg(1)}")));
                In(CliMode.CallHome, "destination-profile WORD index NUM http WORD", Sync(c => Set(c, $"destination-profile {c.Arg(0)} index {c.Arg(1)} http", $"destination-profile {c.Arg(0)} index {c.Arg(1)} http {c.Arg(2)}")));
                In(CliMode.CallHome, "no destination-profile WORD http WORD", Sync(c => Remove(c, $"destination-profile {c.Arg(0)} index 1 http")));
                In(CliMode.CallHome, "no destination-profile WORD index NUM http WORD", Sync(c => Remove(c, $"destination-profile {c.Arg(0)} index {c.Arg(1)} http")));
                In(CliMode.CallHome, "transport http use-vrf WORD", Sync(c => Set(c, "transport http use-vrf", "transport http use-vrf " + c.Arg(0))));
                In(CliMode.CallHome, "enable", Sync(c => Set(c, "enable", "enable")));
                In(CliMode.CallHome, "no enable", Sync(c => Remove(c, "enable")));
                In(CliMode.Config, "ip host WORD WORD", Sync(c => Set(c, "ip host " + c.Arg(0), $"ip host {c.Arg(0)} {c.Arg(1)}")));
            }
            else
            {
                In(CliMode.Config, "call-home", Sync(c => Enter(c, CliMode.CallHome, "call-home")));
                In(CliMode.Config, "no call-home", Sync(c => Remove(c, "call-home")));
                In(CliMode.CallHome, "profile WORD", Sync(c => Enter(c, CliMode.CallHomeProfile, "profile " + QuoteProfile(family, c.Arg(0)))));
                In(CliMode.CallHome, "no profile WORD", Sync(c => Remove(c, "profile " + QuoteProfile(family, c.Arg(0)))));
                In(CliMode.CallHome, "contact-email-addr WORD", Sync(c => Set(c, "contact-email-addr", "contact-email-addr " + c.Arg(0))));
                if (family != CliFamily.Asa)
                {
                    In(CliMode.CallHome, "vrf WORD", Sync(c => Set(c, "vrf", "vrf " + c.Arg(0))));
                    In(CliMode.CallHome, "no vrf", Sync(c => Remove(c, "vrf")));
                }
                if (family == CliFamily.IosXr)
                {
                    In(CliMode.CallHome, "service active", Sync(c => Set(c, "service active", "service active")));
                    In(CliMode.CallHome, "contact smart-licensing", Sync(c => Set(c, "contact smart-licensing", "contact smart-licensing")));
                    In(CliMode.Config, "domain ipv4 host WORD WORD", Sync(c => Set(c, "domain ipv4 host " + c.Arg(0), $"domain ipv4 host {c.Arg(0)} {c.Arg(1)}")));
                }
                else if (family == CliFamily.Asa) In(CliMode.Config, "name WORD WORD", Sync(c => Set(c, "name " + c.Arg(0), $"name {c.Arg(0)} {c.Arg(1)}")));
                else
                {
                    In(CliMode.Config, "ip host WORD WORD", Sync(c => Set(c, "ip host " + c.Arg(0), $"ip host {c.Arg(0)} {c.Arg(1)}")));
                    In(CliMode.Config, "ip http client source-interface WORD", Sync(c => Set(c, "ip http client source-interface", "ip http client source-interface " + c.Arg(0))));
                    In(CliMode.Config, "no ip http client source-interface", Sync(c => Remove(c, "ip http client source-interface")));
                }
                In(CliMode.CallHomeProfile, "active", Sync(c => Set(c, "active", "active")));
                In(CliMode.CallHomeProfile, "no active", Sync(c => Remove(c, "active")));
                In(CliMode.CallHomeProfile, "destination transport-method http", Sync(c => Set(c, "destination transport-method", "destination transport-method http")));
                In(CliMode.CallHomeProfile, "no destination transport-method email", Sync(c => Remove(c, "destination transport-method email")));
                In(CliMode.CallHomeProfile, "destination address http WORD", Sync(c => Set(c, "destination address http", "destination address http " + c.Arg(0))));
                In(CliMode.CallHomeProfile, "no destination address http WORD", Sync(c => Remove(c, "destination address http " + c.Arg(0))));
                In(CliMode.CallHomeProfile, "no destination address http", Sync(c => Remove(c, "destination address http")));
                In(CliMode.CallHomeProfile, "reporting smart-licensing-data", Sync(c => Set(c, "reporting smart-licensing-data", "reporting smart-licensing-data")));
            }
            if (family == CliFamily.Asa)
            {
                In(CliMode.Config, "license smart", Sync(c => Enter(c, CliMode.SmartLic, "license smart")));
                In(CliMode.SmartLic, "feature tier standard", Sync(c => Set(c, "feature tier", "feature tier standard")));
                In(CliMode.SmartLic, "throughput level WORD", Sync(c => Set(c, "throughput level", "throughput level " + c.Arg(0))));
                In(CliMode.Config, "pager lines NUM", Sync(c => { c.Session.TerminalLength = int.Parse(c.Arg(0)); return Set(c, "pager lines", "pager lines " + c.Arg(0)); }));
            }
            LicenseCommands.AddConfig(cli, (p, h) => In(CliMode.Config, p, h));
            FirstRunCommands.Add(family, Exec, (p, h) => In(CliMode.Config, p, h), Set, Remove);
            return t;
        }

        // ---- helpers used by the handlers ----

        private static string ShowClock() => "*" + DateTime.UtcNow.ToString("HH:mm:ss.fff 'UTC' ddd MMM d yyyy", System.Globalization.CultureInfo.InvariantCulture) + "\n";

        private static string QuoteProfile(CliFamily family, string name)
        {
            name = name.Trim('"');
            return family == CliFamily.IosXe ? "\"" + name + "\"" : name;
        }

        private static async Task<string> EnableAsync(CommandContext c)
        {
            var s = c.Session;
            int attempts = s.Platform.Family == CliFamily.Asa ? 1 : 3;
            for (int i = 0; i < attempts; i++)
            {
                await s.WriteAsync("Password: ");
                var secret = await s.ReadLineAsync(echo: false);
                if (secret == null) { s.Close(); return null; }
                if (secret == c.Device.Profile.EnableSecret) { s.Mode = CliMode.PrivExec; return ""; }
                if (s.Platform.Family == CliFamily.Asa) return "Invalid password\n";
            }
            return "% Bad secrets\n\n";
        }

        /// <summary>The tree configuration commands edit: the running config, or the IOS-XR candidate until 'commit'.</summary>
        public static ConfigNode EditRoot(CliSession s)
        {
            if (s.Platform.Family == CliFamily.IosXr) return s.Candidate ??= s.Device.Config.Clone();
            return s.Device.Config;
        }

        private static ConfigNode Current(CliSession s) => s.ConfigPath.Count > 0 ? s.ConfigPath[^1] : EditRoot(s);

        private static string EnterConfig(CommandContext c)
        {
            c.Session.Mode = CliMode.Config;
            c.Session.ConfigPath.Clear();
            if (c.Session.Platform.Family == CliFamily.IosXr) { c.Session.Candidate = c.Device.Config.Clone(); return ""; }
            return c.Session.Platform.Family == CliFamily.Asa ? "" : "Enter configuration commands, one per line.  End with CNTL/Z.\n";
        }

        private static string Enter(CommandContext c, CliMode mode, string line)
        {
            lock (c.Device.Sync)
            {
                var node = Current(c.Session).GetOrAdd(line);
                c.Session.ConfigPath.Add(node);
                c.Session.Mode = mode;
                c.Device.MarkChanged();
            }
            return "";
        }

        private static string Set(CommandContext c, string key, string line)
        {
            lock (c.Device.Sync) { Current(c.Session).Set(key, line); c.Device.MarkChanged(); }
            return "";
        }

        private static string Remove(CommandContext c, string key)
        {
            lock (c.Device.Sync) { Current(c.Session).Remove(key); c.Device.MarkChanged(); }
            return "";
        }

        private static string Commit(CommandContext c)
        {
            lock (c.Device.Sync)
            {
                if (c.Session.Candidate != null) c.Device.ReplaceConfig(c.Session.Candidate.Clone());
            }
            // Sub-mode nodes now belong to the committed tree's copy: keep editing a fresh candidate at the same depth.
            var depthLines = c.Session.ConfigPath.Select(n => n.Line).ToList();
            c.Session.Candidate = c.Device.Config.Clone();
            c.Session.ConfigPath.Clear();
            var node = c.Session.Candidate;
            foreach (var l in depthLines) { node = node.GetOrAdd(l); c.Session.ConfigPath.Add(node); }
            c.Device.Syslog($"%MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user '{c.Device.Profile.Username}'. Use 'show configuration commit changes 1000000001' to view the changes.");
            return "";
        }

        private static async Task<string> EndConfigAsync(CommandContext c)
        {
            var s = c.Session;
            if (s.Platform.Family == CliFamily.IosXr && s.Candidate != null && !SameConfig(s.Candidate, c.Device.Config))
            {
                await s.WriteAsync("Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:");
                var answer = (await s.ReadLineAsync(echo: s.Pty))?.Trim().ToLowerInvariant();
                if (answer == "yes" || answer == "y") Commit(c);
                else if (answer != "no" && answer != "n") return "";
            }
            LeaveConfig(c);
            return "";
        }

        private static void LeaveConfig(CommandContext c)
        {
            var s = c.Session;
            s.Mode = CliMode.PrivExec; s.ConfigPath.Clear(); s.Candidate = null;
            if (s.Platform.Family == CliFamily.IosXe)
                c.Device.Syslog($"%SYS-5-CONFIG_I: Configured from console by {c.Device.Profile.Username} on vty0 (127.0.0.1)");
        }

        private static Task<string> ExitConfigAsync(CommandContext c)
        {
            var s = c.Session;
            if (s.Mode == CliMode.Config) return EndConfigAsync(c);
            s.Mode = s.Mode == CliMode.SmartLic ? CliMode.Config : s.Mode - 1;
            if (s.ConfigPath.Count > 0) s.ConfigPath.RemoveAt(s.ConfigPath.Count - 1);
            return Task.FromResult("");
        }

        private static bool SameConfig(ConfigNode a, ConfigNode b)
        {
            var x = new System.Text.StringBuilder(); a.Render(x, 0);
            var y = new System.Text.StringBuilder(); b.Render(y, 0);
            return x.ToString() == y.ToString();
        }
    }
}
