using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Lab.OnPrem;

namespace SsmOnPrem.Lab.Hosting
{
    /// <summary>What the lab needs from the On-Prem emulator, and how it starts it inside the lab process.</summary>
    public sealed class OnPremInfo
    {
        public OnPremEmulator Emulator { get; set; }
        public IAsyncDisposable Handle => Emulator;
        public Uri BaseAddress => Emulator?.BaseAddress;
        public string CertificateThumbprint => Emulator?.CertificateThumbprint;
        public string Account => Emulator?.Account;
        public string VirtualAccount => Emulator?.DefaultVirtualAccount;
        public string ClientId => Emulator?.ClientId;
        public string ClientSecret => Emulator?.ClientSecret;
    }

    public static class OnPremComposition
    {
        public static async Task<OnPremInfo> StartAsync(LabHost host, CancellationToken cancel)
        {
            if (!host.Options.StartOnPrem) return new OnPremInfo();
            var options = new OnPremEmulatorOptions { Port = 0, CertificatePath = Path.Combine(host.Options.StateDirectory, "onprem.pfx"), CertificateName = host.Options.OnPremCertificateName };
            return new OnPremInfo { Emulator = await OnPremEmulator.StartAsync(options, cancel) };
        }

        public static Task ResetAsync(LabHost host)
        {
            host.OnPrem?.Reset();
            return Task.CompletedTask;
        }
    }
}
