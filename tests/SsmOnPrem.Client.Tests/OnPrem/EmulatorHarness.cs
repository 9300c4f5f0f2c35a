using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Lab.Contracts;
using SsmOnPrem.Lab.OnPrem;
using Xunit;

namespace SsmOnPrem.Client.Tests.OnPrem
{
    /// <summary>One emulator per test class (xUnit runs a class's tests one at a time); each test starts from a reset.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        public OnPremEmulator Emulator { get; private set; }
        public async Task InitializeAsync() => Emulator = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions());
        public async Task DisposeAsync() => await Emulator.DisposeAsync();
    }

    /// <summary>Collects what the client logs, to assert on messages and on the absence of secrets.</summary>
    public sealed class RecordingLog : IOnPremLog
    {
        public ConcurrentQueue<string> Lines { get; } = new ConcurrentQueue<string>();
        public void Verbose(string message) => Lines.Enqueue("VERBOSE: " + message);
        public void Debug(string message) => Lines.Enqueue("DEBUG: " + message);
        public string Text => string.Join("\n", Lines);
    }

    internal static class Harness
    {
        internal static OnPremConnectionOptions Options(OnPremEmulator emulator, Action<OnPremConnectionOptions> configure = null)
        {
            var options = new OnPremConnectionOptions
            {
                Server = emulator.BaseAddress.ToString(),
                DevicePort = emulator.Port,
                ClientId = emulator.ClientId,
                ClientSecret = emulator.ClientSecret,
                Account = emulator.Account,
                VirtualAccount = emulator.DefaultVirtualAccount,
                CertificateThumbprint = emulator.CertificateThumbprint,
                Timeout = TimeSpan.FromSeconds(10),
                Retry = new RetryPolicy { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(2) },
            };
            configure?.Invoke(options);
            return options;
        }

        internal static Task<OnPremConnection> Connect(OnPremEmulator emulator, Action<OnPremConnectionOptions> configure = null, IOnPremLog log = null) =>
            OnPremConnection.ConnectAsync(Options(emulator, configure), log);

        internal static async Task<SsmOnPremException> Fails(Func<Task> action, string errorId)
        {
            var ex = await Assert.ThrowsAsync<SsmOnPremException>(action);
            Assert.Equal(errorId, ex.ErrorId);
            Assert.False(string.IsNullOrWhiteSpace(ex.RecommendedAction), "every error says what to do");
            return ex;
        }

        /// <summary>What an emulated device does on 'license smart register idtoken T': POST /SmartTransport over HTTPS.</summary>
        internal static async Task<(int Status, DeviceRegistrationResponse Body)> DeviceRegister(OnPremEmulator emulator, string token, string serial, bool force = false)
        {
            using var http = DeviceHttp(emulator);
            var response = await http.PostAsJsonAsync("/SmartTransport", new DeviceRegistrationRequest
            {
                Action = DeviceActions.Register, IdToken = token, Force = force,
                Device = new DeviceIdentity { Hostname = "sw-" + serial, Pid = "C9300-24T", SerialNumber = serial, Platform = "IOS-XE", Release = "16.12.4" },
            });
            return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<DeviceRegistrationResponse>());
        }

        internal static async Task<(int Status, UsageReportResponse Body)> DeviceReport(OnPremEmulator emulator, Uri csluUrl, string serial)
        {
            using var http = DeviceHttp(emulator);
            var response = await http.PostAsJsonAsync(csluUrl, new UsageReportRequest
            {
                Action = DeviceActions.Report,
                Device = new DeviceIdentity { Hostname = "rtr-" + serial, Pid = "C8300", SerialNumber = serial },
                Usage = { new UsageEntry { EntitlementTag = "regid.2019-10.com.cisco.DNA_NWStack", Name = "network-advantage", Count = 1 } },
            });
            return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<UsageReportResponse>());
        }

        private static HttpClient DeviceHttp(OnPremEmulator emulator)
        {
            var pin = emulator.CertificateThumbprintSha1;
            var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert.Thumbprint == pin };
            return new HttpClient(handler) { BaseAddress = emulator.BaseAddress };
        }
    }
}
