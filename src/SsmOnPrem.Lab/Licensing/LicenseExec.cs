using System;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Licensing
{
    /// <summary>EXEC licensing commands: register/trust/sync/deregister/renew and the show license family.</summary>
    public static class LicenseExec
    {
        public static void Add(PlatformCli cli, Action<string, Func<CommandContext, Task<string>>> exec, Action<string, Func<CommandContext, Task<string>>> priv)
        {
            Func<CommandContext, Task<string>> Show(Func<DeviceRuntime, string> render) => c => Task.FromResult(render(c.Device));
            priv("show license status", Show(LicenseOutputs.Status));
            priv("show license all", Show(LicenseOutputs.All));
            priv("show license summary", Show(LicenseOutputs.Summary));
            priv("show license udi", Show(LicenseOutputs.Udi));
            priv("show license usage", Show(LicenseOutputs.Usage));
            priv("show license tech support", Show(LicenseOutputs.TechSupport));
            priv("show license tech-support", Show(LicenseOutputs.TechSupport));
            priv("show license eventlog", Show(LicenseOutputs.EventLog));
            priv("show license eventlog NUM", Show(LicenseOutputs.EventLog));
            if (cli.IsSlp) priv("show license history message", Show(LicenseOutputs.HistoryMessage));
            if (cli.Family == CliFamily.IosXe) priv("show call-home smart-licensing", Show(LicenseOutputs.CallHomeSmartLicensing));

            if (cli.IsSlp)
            {
                foreach (var scope in new[] { "local", "all" })
                {
                    priv($"license smart trust idtoken WORD {scope}", c => Trust(c, force: false));
                    priv($"license smart trust idtoken WORD {scope} force", c => Trust(c, force: true));
                    priv($"license smart sync {scope}", c => { LicenseAgent.StartSync(c.Device); return Task.FromResult(""); });
                }
            }
            else
            {
                priv("license smart register idtoken WORD", c => Register(c, force: false));
                priv("license smart register idtoken WORD force", c => Register(c, force: true));
                priv("license smart renew id", c => Renew(c, registration: true));
                priv("license smart renew auth", c => Renew(c, registration: false));
            }
            priv("license smart deregister", async c =>
            {
                await LicenseAgent.DeregisterAsync(c.Device);
                return "";
            });
        }

        private static Task<string> Register(CommandContext c, bool force)
        {
            var d = c.Device;
            if (!force && d.License.Registration == RegistrationState.Registered)
            {
                // The agent refuses locally; the state stays REGISTERED.
                d.Syslog("%SMART_LIC-3-AGENT_ALREADY_REGISTER: Smart Agent for Licensing is already registered with the Cisco Smart Software Manager (CSSM)");
                return Task.FromResult("");
            }
            LicenseAgent.StartRegistration(d, c.Arg(0), force);
            return Task.FromResult(c.Session.Platform.Family switch
            {
                CliFamily.Nxos => "Initiated device registration with backend. run show license status, for registration status\n",
                CliFamily.Asa => "",
                _ => "Registration process is in progress. Use the 'show license status' command to check the progress and result\n",
            });
        }

        private static Task<string> Trust(CommandContext c, bool force)
        {
            var d = c.Device;
            if (!force && d.License.TrustCodeInstalled.HasValue)
            {
                d.Syslog($"%SMART_LIC-3-TRUST_INSTALL_FAILED: The install of a new licensing trust code has failed on P:{d.Profile.Pid},S:{d.Profile.SerialNumber}: Trust Code is already installed. Use the force option to overwrite it.");
                return Task.FromResult("");
            }
            LicenseAgent.StartTrust(d, c.Arg(0), force);
            return Task.FromResult("");
        }

        private static Task<string> Renew(CommandContext c, bool registration)
        {
            if (c.Device.License.Registration != RegistrationState.Registered)
                return Task.FromResult("% Error: The device is not registered. Renewal is only possible for a registered device.\n");
            LicenseAgent.StartRenew(c.Device, registration);
            return Task.FromResult("");
        }
    }
}
