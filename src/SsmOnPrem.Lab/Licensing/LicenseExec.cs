using System;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;

namespace SsmOnPrem.Lab.Licensing
{
    /// <summary>EXEC licensing commands: register/trust/sync/deregister/renew and the show license family.</summary>
    public static class LicenseExec
    {
        public static void Add(PlatformCli cli, Action<string, Func<CommandContext, Task<string>>> exec, Action<string, Func<CommandContext, Task<string>>> priv)
        {
        }
    }
}
