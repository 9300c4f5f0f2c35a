using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Hosting;

namespace SsmOnPrem.Lab
{
    /// <summary>
    /// Entry point of the lab process.
    ///   start [--devices N] [--platform mix|IOS-XE-16,...] [--state DIR] [--registration-delay-ms N] [--seed N] [--onprem-certificate-name DNSNAME] [--ssh-profile Release|Modern|Legacy] [--jump-host]
    ///         starts the whole lab (On-Prem emulator + devices behind sshd), writes DIR/lab.json, runs until SIGTERM.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "onprem") return await OnPrem.OnPremCommand.RunAsync(args);
            if (args.Length == 0 || args[0] != "start")
            {
                Console.Error.WriteLine("usage: SsmOnPrem.Lab start [--devices N] [--platform mix|LIST] [--state DIR] [--registration-delay-ms N]");
                return 2;
            }
            var options = new LabOptions();
            for (int i = 1; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--devices": options.DeviceCount = int.Parse(Next()); break;
                    case "--platform": options.Platforms = new List<string>(Next().Split(',')); break;
                    case "--state": options.StateDirectory = Next(); break;
                    case "--registration-delay-ms": options.RegistrationDelayMs = int.Parse(Next()); break;
                    case "--seed": options.Seed = int.Parse(Next()); break;
                    case "--ssh-profile": options.SshProfile = Sshd.SshAlgorithmSet.ParseProfile(Next()); break;
                    case "--jump-host": options.JumpHost = true; break;
                    case "--onprem-certificate-name": options.OnPremCertificateName = Next(); break;
                    default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
                }
            }
            if (!string.IsNullOrEmpty(options.StateDirectory))
            {
                // Written first, so that Start-SsmLab can tell a lab that died while starting from one still starting.
                System.IO.Directory.CreateDirectory(options.StateDirectory);
                System.IO.File.WriteAllText(System.IO.Path.Combine(options.StateDirectory, "lab.pid"), Environment.ProcessId.ToString());
            }
            var stop = new TaskCompletionSource();
            using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
            using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
            LabHost lab;
            try { lab = await LabHost.StartAsync(options); }
            catch (Exception e)
            {
                Console.Error.WriteLine("SsmOnPrem.Lab: " + e.Message);
                return 1;
            }
            Console.WriteLine($"READY {lab.DescriptionPath} ({lab.Devices.Count} devices in {lab.Description.StartSeconds}s: {string.Join(", ", lab.Phases)})");
            await stop.Task;
            await lab.DisposeAsync();
            return 0;
        }
    }
}
