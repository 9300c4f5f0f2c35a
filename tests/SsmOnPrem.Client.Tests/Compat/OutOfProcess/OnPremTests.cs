using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;
using Xunit;

namespace SsmOnPrem.Client.Tests.Compat
{
    public sealed class OnPremProcessFixture : IDisposable
    {
        public LabProcess Lab { get; } = LabProcess.StartOnPrem();
        public void Dispose() => Lab.Dispose();
    }

    /// <summary>
    /// The On-Prem client over real HTTPS against the emulator running as its own process: on net472 under Mono this is
    /// the .NET Framework HttpClientHandler (certificate callback, TLS, SHA-1/SHA-256 providers) as Windows PowerShell 5.1
    /// would use it. The in-process suite (OnPrem/) covers the rest of the API on net10.0.
    /// </summary>
    public sealed class OutOfProcessOnPremTests : IClassFixture<OnPremProcessFixture>
    {
        private readonly JObject _d;
        public OutOfProcessOnPremTests(OnPremProcessFixture fixture)
        {
            _d = fixture.Lab.Description;
            LabPost("/lab/reset", "").GetAwaiter().GetResult();
        }

        private OnPremConnectionOptions Options(Action<OnPremConnectionOptions> configure = null)
        {
            var o = new OnPremConnectionOptions
            {
                Server = (string)_d["url"],
                DevicePort = (int)_d["port"],
                ClientId = (string)_d["clientId"],
                ClientSecret = (string)_d["clientSecret"],
                Account = (string)_d["account"],
                VirtualAccount = (string)_d["virtualAccount"],
                CertificateThumbprint = (string)_d["certificateThumbprint"],
                Timeout = TimeSpan.FromSeconds(20),
                Retry = new RetryPolicy { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(1) },
            };
            configure?.Invoke(o);
            return o;
        }

        // The harness sets the emulator's own /lab knobs, pinned to its certificate like the client under test.
        private async Task LabPost(string path, string json)
        {
            var pin = (string)_d["certificateThumbprintSha1"];
            var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, __, ___) => cert.Thumbprint == pin };
            using (var http = new HttpClient(handler))
            using (var response = await http.PostAsync((string)_d["url"] + path, new StringContent(json, Encoding.UTF8, "application/json")))
                response.EnsureSuccessStatusCode();
        }

        private static async Task<SsmOnPremException> Fails(Func<Task> action, string errorId)
        {
            var ex = await Assert.ThrowsAsync<SsmOnPremException>(action);
            Assert.Equal(errorId, ex.ErrorId);
            return ex;
        }

        [Fact]
        public async Task Connects_with_a_sha256_or_sha1_pin_and_lists_virtual_accounts()
        {
            using (var c = await OnPremConnection.ConnectAsync(Options()))
            {
                Assert.Equal((string)_d["account"], c.Account);
                var names = (await new OnPremClient(c).GetVirtualAccountsAsync()).Select(v => v.Name).ToList();
                Assert.Contains((string)_d["virtualAccount"], names);
            }
            using (var c = await OnPremConnection.ConnectAsync(Options(o => o.CertificateThumbprint = ((string)_d["certificateThumbprintSha1"]).ToLowerInvariant())))
            {
                Assert.Equal((string)_d["account"], c.Account);
                // The evidence shows only access_token in the answer (docs/onprem-api.md): no expiry is invented.
                Assert.Null(c.AccessTokenExpiresOn);
            }
        }

        [Fact]
        public async Task A_wrong_pin_is_CertificateMismatch_an_unpinned_self_signed_server_is_CertificateUntrusted()
        {
            var ex = await Fails(() => OnPremConnection.ConnectAsync(Options(o => o.CertificateThumbprint = new string('A', 64))), OnPremErrorIds.CertificateMismatch);
            Assert.Contains((string)_d["certificateThumbprint"], ex.Message);
            await Fails(() => OnPremConnection.ConnectAsync(Options(o => o.CertificateThumbprint = null)), OnPremErrorIds.CertificateUntrusted);
            using (var skipped = await OnPremConnection.ConnectAsync(Options(o => { o.CertificateThumbprint = null; o.SkipCertificateCheck = true; })))
                Assert.Equal((string)_d["account"], skipped.Account);
        }

        [Fact]
        public async Task A_wrong_secret_is_AuthenticationFailed_and_the_secret_is_not_in_the_message()
        {
            var ex = await Fails(() => OnPremConnection.ConnectAsync(Options(o => o.ClientSecret = "wrong-secret-7f3a")), OnPremErrorIds.AuthenticationFailed);
            Assert.DoesNotContain("wrong-secret-7f3a", ex.Message + ex.RecommendedAction);
        }

        [Fact]
        public async Task Creates_lists_and_revokes_a_token()
        {
            using (var c = await OnPremConnection.ConnectAsync(Options()))
            {
                var client = new OnPremClient(c);
                var token = await client.CreateTokenAsync(new NewTokenRequest { Description = "compat", ExpiresAfterDays = 7, MaxUses = 2 });
                // The create answer carries only tokenInfo.token (evidence A-D); the listing finds the same token.
                Assert.False(string.IsNullOrEmpty(token.Value));
                Assert.Equal(token.Value, Assert.Single(await client.GetTokensAsync()).Value);
                await client.RevokeTokenAsync(null, token.Value);
                Assert.Empty(await client.GetTokensAsync());
            }
        }

        [Fact]
        public async Task Server_errors_are_retried_and_forbidden_is_PermissionDenied()
        {
            using (var c = await OnPremConnection.ConnectAsync(Options()))
            {
                var client = new OnPremClient(c);
                await LabPost("/lab/faults", "{\"ServerErrors\":2}");
                Assert.NotEmpty(await client.GetVirtualAccountsAsync());
                await LabPost("/lab/faults", "{\"Forbidden\":true}");
                await Fails(() => client.GetTokensAsync(), OnPremErrorIds.PermissionDenied);
            }
        }
    }
}
