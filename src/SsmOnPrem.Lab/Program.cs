using System;
using System.Threading.Tasks;

namespace SsmOnPrem.Lab
{
    /// <summary>
    /// Entry point of the lab process. The lab issue composes it: On-Prem emulator + device emulator (+ the
    /// session hand-off endpoint that sshd's ForceCommand shim connects to), started by Start-SsmLab.
    /// </summary>
    public static class Program
    {
        public static Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "onprem") return OnPrem.OnPremCommand.RunAsync(args);
            Console.Error.WriteLine("SsmOnPrem.Lab: not composed yet (see the lab issue).");
            return Task.FromResult(2);
        }
    }
}
