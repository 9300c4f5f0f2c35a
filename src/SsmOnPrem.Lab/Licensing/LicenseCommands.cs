using System;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Licensing
{
    /// <summary>The 'license smart ...' configuration lines and EXEC commands, and the 'show license ...' family.</summary>
    public static class LicenseCommands
    {
        public static void AddConfig(PlatformCli cli, Action<string, Func<CommandContext, Task<string>>> config)
        {
            Func<CommandContext, Task<string>> Set(Func<CommandContext, string> key, Func<CommandContext, string> line) => c =>
            {
                lock (c.Device.Sync) { CommandTables.EditRoot(c.Session).Set(key(c), line(c)); c.Device.MarkChanged(); }
                return Task.FromResult("");
            };
            Func<CommandContext, Task<string>> Remove(string key) => c =>
            {
                lock (c.Device.Sync) { CommandTables.EditRoot(c.Session).Remove(key); c.Device.MarkChanged(); }
                return Task.FromResult("");
            };
            if (cli.Family == CliFamily.Asa) return;   // ASA licensing is the 'license smart' sub-mode plus call-home
            foreach (var transport in new[] { "callhome", "smart", "cslu", "off" })
            {
                if (transport == "cslu" && !cli.IsSlp) continue;
                config("license smart transport " + transport, Set(c => "license smart transport", c => "license smart transport " + transport));
            }
            config("no license smart transport", Remove("license smart transport"));
            config("license smart url WORD", c =>
            {
                lock (c.Device.Sync)
                {
                    // 'license smart url URL' (smart transport) replaces the plain url line, never 'license smart url cslu URL'.
                    var root = CommandTables.EditRoot(c.Session);
                    root.Children.RemoveAll(n => n.Line.StartsWith("license smart url ", StringComparison.OrdinalIgnoreCase) && !n.Line.StartsWith("license smart url cslu ", StringComparison.OrdinalIgnoreCase));
                    if (!c.Arg(0).Equals("default", StringComparison.OrdinalIgnoreCase)) root.Children.Add(new ConfigNode("license smart url " + c.Arg(0)));
                    c.Device.MarkChanged();
                }
                return Task.FromResult("");
            });
            config("license smart url smart WORD", Set(c => "license smart url smart", c => "license smart url smart " + c.Arg(0)));
            if (cli.IsSlp) config("license smart url cslu WORD", Set(c => "license smart url cslu", c => "license smart url cslu " + c.Arg(0)));
            config("no license smart url WORD", Remove("license smart url"));
            config("no license smart url cslu WORD", Remove("license smart url cslu"));
            config("license smart usage interval NUM", Set(c => "license smart usage interval", c => "license smart usage interval " + c.Arg(0)));
            config("no license smart usage interval", Remove("license smart usage interval"));
            if (cli.IsSlp && cli.Family == CliFamily.IosXe)
            {
                config("license smart vrf WORD", Set(c => "license smart vrf", c => "license smart vrf " + c.Arg(0)));
                config("no license smart vrf", Remove("license smart vrf"));
            }
        }

        public static void AddExec(PlatformCli cli, Action<string, Func<CommandContext, Task<string>>> exec, Action<string, Func<CommandContext, Task<string>>> priv)
        {
            LicenseExec.Add(cli, exec, priv);
        }
    }
}
