using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Devices;
using SsmOnPrem.Lab.Hosting;
using Xunit;

namespace SsmOnPrem.Lab.Tests
{
    /// <summary>One real lab for the whole test run: 60 devices (ten of each platform), sshd on loopback, On-Prem emulator.</summary>
    public sealed class LabFixture : IAsyncLifetime
    {
        public LabHost Lab { get; private set; }
        private readonly Dictionary<PlatformKind, int> handedOut = new Dictionary<PlatformKind, int>();

        public async Task InitializeAsync()
        {
            // The SSH.NET fan-out blocks threads; make sure the pool does not starve (DESIGN.md §6).
            ThreadPool.SetMinThreads(64, 64);
            Lab = await LabHost.StartAsync(new LabOptions { DeviceCount = 60, RegistrationDelayMs = 150 });
        }

        public async Task DisposeAsync()
        {
            if (Lab != null) await Lab.DisposeAsync();
            try { System.IO.Directory.Delete(Lab?.Options.StateDirectory ?? "/nonexistent", true); } catch { }
        }

        /// <summary>A device of that platform no other test uses (tests run in parallel classes; each takes its own).</summary>
        public DeviceRuntime Take(PlatformKind kind)
        {
            lock (handedOut)
            {
                handedOut.TryGetValue(kind, out var used);
                var device = Lab.Devices.Where(d => d.Profile.Kind == kind).Skip(used).FirstOrDefault()
                             ?? throw new InvalidOperationException($"The test lab has no more {kind} devices; raise DeviceCount.");
                handedOut[kind] = used + 1;
                return device;
            }
        }
    }

    [CollectionDefinition("lab")]
    public sealed class LabCollection : ICollectionFixture<LabFixture> { }
}
