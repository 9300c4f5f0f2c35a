using System;
using System.Threading;
using System.Threading.Tasks;

namespace SsmOnPrem.Lab.Hosting
{
    /// <summary>What the lab needs from the On-Prem emulator, and how it starts it inside the lab process.</summary>
    public sealed class OnPremInfo
    {
        public IAsyncDisposable Handle { get; set; }
        public Uri BaseAddress { get; set; }
        public string CertificateThumbprint { get; set; }
        public string Account { get; set; }
        public string VirtualAccount { get; set; }
        public string ClientId { get; set; }
        public string ClientSecret { get; set; }
    }

    public static class OnPremComposition
    {
        public static Task<OnPremInfo> StartAsync(LabHost host, CancellationToken cancel)
        {
            // Until the On-Prem emulator is merged, the lab runs devices only (registration then fails: no server).
            return Task.FromResult(new OnPremInfo());
        }

        public static Task ResetAsync(LabHost host) => Task.CompletedTask;
    }
}
