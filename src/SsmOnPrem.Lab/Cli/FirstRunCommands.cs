using System;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Outputs;

namespace SsmOnPrem.Lab.Cli
{
    /// <summary>
    /// What an admin uses at a first run at a real site: telnet to the On-Prem device port (IOS-XE 'telnet HOST PORT
    /// [/vrf V] [/source-interface IF]', NX-OS 'telnet HOST PORT [vrf V]'; IOS-XR and ASA get none here) and the settings
    /// that turn a device's server-identity check off (IOS-XE 'no http secure server-identity-check', as seen in real
    /// configs; IOS-XR's hidden 'http client secure-verify-peer disable', per a public 2020 walk-through by cznolan).
    /// </summary>
    public static class FirstRunCommands
    {
        public const string IosXeIdentityCheckOff = "no http secure server-identity-check";
        public const string IosXrVerifyPeerOff = "http client secure-verify-peer disable";

        public static void Add(CliFamily family, Action<string, Func<CommandContext, Task<string>>> exec, Action<string, Func<CommandContext, Task<string>>> config,
            Func<CommandContext, string, string, string> set, Func<CommandContext, string, string> remove)
        {
            if (family == CliFamily.IosXe)
            {
                foreach (var tail in new[] { "", " /vrf WORD", " /source-interface WORD", " /vrf WORD /source-interface WORD", " /source-interface WORD /vrf WORD" })
                    exec("telnet WORD NUM" + tail, Telnet.RunAsync);
                config(IosXeIdentityCheckOff, c => Task.FromResult(set(c, IosXeIdentityCheckOff, IosXeIdentityCheckOff)));
                config("http secure server-identity-check", c => Task.FromResult(remove(c, IosXeIdentityCheckOff)));
            }
            else if (family == CliFamily.Nxos)
            {
                exec("telnet WORD NUM", Telnet.RunAsync);
                exec("telnet WORD NUM vrf WORD", Telnet.RunAsync);
            }
            else if (family == CliFamily.IosXr)
            {
                config(IosXrVerifyPeerOff, c => Task.FromResult(set(c, IosXrVerifyPeerOff, IosXrVerifyPeerOff)));
                config("no " + IosXrVerifyPeerOff, c => Task.FromResult(remove(c, IosXrVerifyPeerOff)));
            }
        }
    }
}
