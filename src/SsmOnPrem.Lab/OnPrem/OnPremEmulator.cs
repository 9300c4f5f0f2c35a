using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SsmOnPrem.Lab.OnPrem
{
    /// <summary>
    /// An HTTPS emulator of Cisco SSM On-Prem on 127.0.0.1, in the shapes public clients of the real product use
    /// (docs/onprem-api.md): the admin REST API (OAuth client-credentials and password grants, local accounts, virtual
    /// accounts, tokens, devices, transfers, licenses, and the inferred synchronization, under both the root and
    /// /backend prefixes) and the device-facing endpoints emulated devices call (see Contracts/DeviceProtocol.cs).
    /// The real product splits admin (8443) and device (443) ports; one listener serves both here.
    /// Test infrastructure only: it never ships in the module.
    /// </summary>
    public sealed class OnPremEmulator : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly X509Certificate2 _certificate;

        private OnPremEmulator(WebApplication app, X509Certificate2 certificate, OnPremEmulatorOptions options, OnPremState state, OnPremFaults faults, int port)
        {
            _app = app;
            _certificate = certificate;
            Options = options;
            State = state;
            Faults = faults;
            Port = port;
        }

        public static async Task<OnPremEmulator> StartAsync(OnPremEmulatorOptions options, CancellationToken ct = default)
        {
            options ??= new OnPremEmulatorOptions();
            if (options.VirtualAccounts == null || options.VirtualAccounts.Count == 0) throw new ArgumentException("At least one virtual account is needed.", nameof(options));
            options.ClientSecret ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
            options.UserPassword ??= Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();

            var certificate = EmulatorCertificate.LoadOrCreate(options.CertificatePath, options.CertificatePassword, options.CertificateName);
            var state = new OnPremState();
            state.Seed(options);
            var faults = new OnPremFaults();
            faults.CopyFrom(options.Faults ?? new OnPremFaults());

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "SsmOnPrem.Lab.OnPrem" });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate));
            });
            var app = builder.Build();
            var handlers = new OnPremHandlers(options, state, faults);
            handlers.Map(app);
            await app.StartAsync(ct).ConfigureAwait(false);

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            var port = new Uri(address).Port;
            return new OnPremEmulator(app, certificate, options, state, faults, port);
        }

        public OnPremEmulatorOptions Options { get; }
        public int Port { get; }
        /// <summary>https://127.0.0.1:PORT (admin API and device-facing endpoints).</summary>
        public Uri BaseAddress => new Uri($"https://127.0.0.1:{Port}");
        public X509Certificate2 Certificate => _certificate;
        /// <summary>SHA-256 of the certificate, upper-case hex (what clients pin).</summary>
        public string CertificateThumbprint => EmulatorCertificate.Sha256Hex(_certificate);
        public string CertificateThumbprintSha1 => _certificate.Thumbprint;
        public string Account => Options.Account;
        public int AccountId => Options.AccountId;
        public string DefaultVirtualAccount => Options.VirtualAccounts[0];
        public IReadOnlyList<string> VirtualAccounts => State.GetVirtualAccountNames(Account);
        public string ClientId => Options.ClientId;
        public string ClientSecret => Options.ClientSecret;
        public OnPremState State { get; }
        /// <summary>Live fault knobs: change them between requests.</summary>
        public OnPremFaults Faults { get; }

        public string UserName => Options.UserName;
        public string UserPassword => Options.UserPassword;
        /// <summary>The CSLU tenant of the local account (A: cslu_tenant_url; G: "&lt;account, %-encoded&gt;-&lt;n&gt;").</summary>
        public string CsluTenant => Uri.EscapeDataString(Account) + "-" + AccountId;
        /// <summary>The account's CSLU URL as devices get it, percent-encoding kept.</summary>
        public string CsluUrl => new Uri(BaseAddress, "/cslu/v1/pi/" + CsluTenant).AbsoluteUri;
        public Uri SmartTransportUrl => new Uri(BaseAddress, "/SmartTransport");
        public Uri CallHomeUrl => new Uri(BaseAddress, "/Transportgateway/services/DeviceRequestHandler");

        /// <summary>Back to the seeded state, faults off.</summary>
        public void Reset()
        {
            State.Seed(Options);
            Faults.Clear();
        }

        public async ValueTask DisposeAsync()
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await _app.StopAsync(deadline.Token).ConfigureAwait(false); } catch (OperationCanceledException) { }
            await _app.DisposeAsync().ConfigureAwait(false);
            _certificate.Dispose();
        }
    }
}
