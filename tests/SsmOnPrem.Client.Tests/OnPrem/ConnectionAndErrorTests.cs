using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Lab.OnPrem;
using Xunit;

namespace SsmOnPrem.Client.Tests.OnPrem
{
    public sealed class ConnectionAndErrorTests : IClassFixture<EmulatorFixture>
    {
        private readonly OnPremEmulator _emulator;
        public ConnectionAndErrorTests(EmulatorFixture fixture) { _emulator = fixture.Emulator; _emulator.Reset(); }

        private OnPremClient Client(OnPremConnection c, IOnPremLog log = null) => new OnPremClient(c, log);

        [Fact]
        public async Task Pinning_the_sha256_or_sha1_thumbprint_connects()
        {
            using (var c = await Harness.Connect(_emulator)) Assert.Equal(ApiPrefix.Root, c.ApiPrefix);
            using (var c = await Harness.Connect(_emulator, o => o.CertificateThumbprint = string.Join(":", Enumerable.Range(0, 20).Select(i => _emulator.CertificateThumbprintSha1.Substring(i * 2, 2).ToLowerInvariant()))))
                Assert.True(c.CertificateThumbprintIsSha1);
        }

        [Fact]
        public async Task A_wrong_pin_is_CertificateMismatch_and_an_unpinned_self_signed_certificate_is_CertificateUntrusted()
        {
            var ex = await Harness.Fails(() => Harness.Connect(_emulator, o => o.CertificateThumbprint = new string('A', 64)), OnPremErrorIds.CertificateMismatch);
            Assert.Contains(_emulator.CertificateThumbprint, ex.Message);
            await Harness.Fails(() => Harness.Connect(_emulator, o => o.CertificateThumbprint = null), OnPremErrorIds.CertificateUntrusted);
            await Harness.Fails(() => Harness.Connect(_emulator, o => o.CertificateThumbprint = "not-hex"), OnPremErrorIds.InvalidThumbprint);
            using var skipped = await Harness.Connect(_emulator, o => { o.CertificateThumbprint = null; o.SkipCertificateCheck = true; });
            Assert.Equal(_emulator.Account, skipped.Account);
        }

        [Fact]
        public async Task Parallel_requests_each_keep_their_own_TLS_failure_reason()
        {
            var options = Harness.Options(_emulator, o => o.CertificateThumbprint = new string('B', 64));
            using var transport = new OnPremTransport(new Uri(_emulator.BaseAddress, "/"), options, new SecretMasker());
            var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                try { await transport.SendAsync(() => new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, "lab/state"), true, new RecordingLog(), default); return "sent"; }
                catch (SsmOnPremException ex) { return ex.ErrorId; }
            })).ToList();
            Assert.All(await Task.WhenAll(calls), id => Assert.Equal(OnPremErrorIds.CertificateMismatch, id));
        }

        [Fact]
        public async Task A_wrong_secret_is_AuthenticationFailed()
        {
            await Harness.Fails(() => Harness.Connect(_emulator, o => o.ClientSecret = "wrong-secret"), OnPremErrorIds.AuthenticationFailed);
        }

        [Fact]
        public async Task Forbidden_is_PermissionDenied()
        {
            using var c = await Harness.Connect(_emulator);
            _emulator.Faults.Forbidden = true;
            await Harness.Fails(() => Client(c).GetTokensAsync(), OnPremErrorIds.PermissionDenied);
        }

        [Fact]
        public async Task Unknown_account_and_virtual_account_errors_list_the_names_that_exist()
        {
            var ex = await Harness.Fails(() => Harness.Connect(_emulator, o => o.Account = "Nope"), OnPremErrorIds.AccountNotFound);
            Assert.Contains("'Lab Account'", ex.Message);
            ex = await Harness.Fails(() => Harness.Connect(_emulator, o => o.VirtualAccount = "Nope"), OnPremErrorIds.VirtualAccountNotFound);
            Assert.Contains("'Default', 'Campus'", ex.Message);

            using var c = await Harness.Connect(_emulator);
            ex = await Harness.Fails(() => Client(c).GetTokensAsync("Nope"), OnPremErrorIds.VirtualAccountNotFound);
            Assert.Contains("'Campus'", ex.Message);
        }

        [Fact]
        public async Task The_only_account_is_picked_when_none_is_given_with_its_record()
        {
            using var c = await Harness.Connect(_emulator, o => { o.Account = null; o.VirtualAccount = null; });
            Assert.Equal(_emulator.Account, c.Account);
            Assert.Equal("lab.example.com", c.LocalAccount.Domain);
            Assert.Equal("1", c.LocalAccount.AccountId);
            Assert.Equal(_emulator.CsluUrl, c.LocalAccount.CsluTenantUrl);
            Assert.Equal("DEFAULT", c.LocalAccount.CssmVirtualAccountName);
            await Harness.Fails(() => Client(c).GetTokensAsync(), OnPremErrorIds.VirtualAccountRequired);
            using var byDomain = await Harness.Connect(_emulator, o => o.Account = "LAB.example.com");
            Assert.Equal(_emulator.Account, byDomain.Account);
        }

        [Fact]
        public async Task Several_accounts_and_no_Account_is_AccountRequired_listing_them()
        {
            await using var two = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions { ExtraAccounts = { "Other Org" } });
            var ex = await Harness.Fails(() => Harness.Connect(two, o => { o.Account = null; o.VirtualAccount = null; }), OnPremErrorIds.AccountRequired);
            Assert.Contains("'Lab Account' (domain lab.example.com)", ex.Message);
            Assert.Contains("'Other Org'", ex.Message);
            using var c = await Harness.Connect(two, o => { o.Account = "Other Org"; o.VirtualAccount = "Default"; });
            Assert.EndsWith("/cslu/v1/pi/Other%20Org-2", (await Client(c).GetTransportUrlAsync(TransportType.Cslu)).Url);
        }

        [Fact]
        public async Task An_older_server_lists_accounts_with_GET_after_a_404_on_the_POST()
        {
            await using var old = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions { LegacyAccountList = true });
            var log = new RecordingLog();
            using var c = await Harness.Connect(old, o => { o.Account = null; o.VirtualAccount = null; }, log);
            Assert.Equal(old.Account, c.Account);
            Assert.Contains("POST " + old.BaseAddress + "api/v1/upstream_satellites/accounts -> 404", log.Text);
            Assert.Contains("trying the older GET accounts", log.Text);
        }

        [Fact]
        public async Task The_password_grant_is_used_with_a_user_and_a_wrong_password_is_AuthenticationFailed()
        {
            var log = new RecordingLog();
            using (var c = await Harness.Connect(_emulator, o => { o.UserName = _emulator.UserName; o.UserPassword = _emulator.UserPassword; }, log))
            {
                Assert.Equal("password", c.Grant);
                Assert.NotEmpty(await Client(c).GetVirtualAccountsAsync());
            }
            Assert.Contains("password grant", log.Text);
            Assert.DoesNotContain(_emulator.UserPassword, log.Text);
            var ex = await Harness.Fails(() => Harness.Connect(_emulator, o => { o.UserName = _emulator.UserName; o.UserPassword = "wrong-password"; }), OnPremErrorIds.AuthenticationFailed);
            Assert.Contains($"user '{_emulator.UserName}'", ex.Message);
        }

        [Fact]
        public async Task Dot_names_are_refused_before_any_request()
        {
            await Harness.Fails(() => Harness.Connect(_emulator, o => o.Account = ".."), OnPremErrorIds.InvalidName);
            using var c = await Harness.Connect(_emulator);
            var calls = _emulator.State.ApiCallCount;
            await Harness.Fails(() => Client(c).GetTokensAsync("."), OnPremErrorIds.InvalidName);
            await Harness.Fails(() => Client(c).CreateVirtualAccountAsync("..", null), OnPremErrorIds.InvalidName);
            Assert.Equal(calls, _emulator.State.ApiCallCount);
        }

        [Fact]
        public async Task A_response_past_the_size_cap_is_InvalidServerResponse()
        {
            using var c = await Harness.Connect(_emulator, o => o.MaxResponseBytes = 300);
            for (var i = 0; i < 5; i++) _emulator.State.AddToken(_emulator.DefaultVirtualAccount, description: new string('d', 40));
            var ex = await Harness.Fails(() => Client(c).GetTokensAsync(), OnPremErrorIds.InvalidServerResponse);
            Assert.Contains("more than", ex.Message);
        }

        [Fact]
        public async Task Auto_prefix_falls_back_to_backend_and_Root_alone_says_the_endpoint_is_missing()
        {
            await using var backendOnly = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions { ApiPrefixes = EmulatedApiPrefix.BackendOnly });
            using (var c = await Harness.Connect(backendOnly))
            {
                Assert.Equal(ApiPrefix.Backend, c.ApiPrefix);
                await new OnPremClient(c).CreateTokenAsync(new NewTokenRequest());
                Assert.Single(backendOnly.State.GetTokens());
            }
            await Harness.Fails(() => Harness.Connect(backendOnly, o => o.ApiPrefix = ApiPrefix.Root), OnPremErrorIds.EndpointNotSupported);
        }

        [Fact]
        public async Task A_401_variant_server_also_gets_one_renewal_per_expiry()
        {
            await using var old = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions { ExpiredBearerStatus = 401 });
            using var c = await Harness.Connect(old);
            old.Faults.UnauthorizedAfterCalls = 1;
            var before = c.AccessTokensIssued;
            for (var i = 0; i < 3; i++) await Client(c).GetTokensAsync();
            Assert.True(c.AccessTokensIssued >= before + 2);
        }

        [Fact]
        public async Task A_403_renews_the_access_token_once_and_goes_on()
        {
            using var c = await Harness.Connect(_emulator);
            _emulator.Faults.UnauthorizedAfterCalls = 1;
            var before = c.AccessTokensIssued;
            var client = Client(c);
            for (var i = 0; i < 3; i++) await client.GetTokensAsync();
            Assert.True(c.AccessTokensIssued >= before + 2, $"issued {c.AccessTokensIssued - before} new access tokens");
        }

        [Fact]
        public async Task An_expired_access_token_answered_403_is_renewed_once_without_expires_in()
        {
            await using var shortLived = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions { AccessTokenLifetimeSeconds = 1 });
            using var c = await Harness.Connect(shortLived);
            Assert.Null(c.AccessTokenExpiresOn); // nothing public shows expires_in, and the emulator sends none
            var log = new RecordingLog();
            await Task.Delay(1100);
            await new OnPremClient(c, log).GetTokensAsync();
            Assert.Contains("-> 403", log.Text);
            Assert.Contains("renewing the access token once", log.Text);
            Assert.Equal(2, c.AccessTokensIssued);
        }

        [Fact]
        public async Task A_429_is_retried_after_Retry_After_then_ServerBusy_when_it_persists()
        {
            using var c = await Harness.Connect(_emulator);
            var log = new RecordingLog();
            _emulator.Faults.RetryAfterSeconds = 1;
            _emulator.Faults.TooManyRequests = 1;
            await Client(c, log).GetTokensAsync();
            Assert.Contains("HTTP 429; retrying in 1 s", log.Text);

            _emulator.Faults.TooManyRequests = 100;
            _emulator.Faults.RetryAfterSeconds = 0;
            await Harness.Fails(() => Client(c).GetTokensAsync(), OnPremErrorIds.ServerBusy);
            _emulator.Faults.TooManyRequests = 0;
            _emulator.Faults.Conflicts = 100;
            await Harness.Fails(() => Client(c).GetTokensAsync(), OnPremErrorIds.ServerBusy);
        }

        [Fact]
        public async Task A_booting_server_answering_502_is_waited_for()
        {
            await using var booting = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions { Faults = new OnPremFaults { BootSeconds = 1.5 } });
            using var c = await Harness.Connect(booting, o => o.Retry = new RetryPolicy { MaxAttempts = 8, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) });
            Assert.NotEmpty(await new OnPremClient(c).GetVirtualAccountsAsync());

            booting.Faults.CopyFrom(new OnPremFaults { BootSeconds = 30 });
            await Harness.Fails(() => new OnPremClient(c).GetTokensAsync(), OnPremErrorIds.ServerUnavailable);
        }

        [Fact]
        public async Task Persistent_500_is_ServerError()
        {
            using var c = await Harness.Connect(_emulator);
            _emulator.Faults.ServerErrors = 1;
            await Client(c).GetTokensAsync();
            _emulator.Faults.ServerErrors = 100;
            await Harness.Fails(() => Client(c).GetTokensAsync(), OnPremErrorIds.ServerError);
        }

        [Fact]
        public async Task Malformed_json_is_InvalidServerResponse()
        {
            using var c = await Harness.Connect(_emulator);
            _emulator.Faults.MalformedBodies = 1;
            await Harness.Fails(() => Client(c).GetTokensAsync(), OnPremErrorIds.InvalidServerResponse);
        }

        [Fact]
        public async Task A_dropped_connection_is_retried_for_reads_and_a_create_is_looked_up_before_it_is_sent_again()
        {
            using var c = await Harness.Connect(_emulator);
            _emulator.Faults.DropConnections = 1;
            await Client(c).GetTokensAsync();
            Assert.Equal(0, _emulator.Faults.DropConnections);
            _emulator.Faults.DropConnections = 1;
            var log = new RecordingLog();
            await Client(c, log).CreateTokenAsync(new NewTokenRequest());
            Assert.Single(_emulator.State.GetTokens());
            Assert.Contains("looking for it by its description", log.Text);
            // When the lookup itself fails, the outcome is reported as unknown rather than guessed.
            _emulator.Faults.ServerErrors = 100;
            var ex = await Harness.Fails(() => Client(c).CreateTokenAsync(new NewTokenRequest { Description = "unknown-outcome" }), OnPremErrorIds.CreateOutcomeUnknown);
            Assert.Contains("unknown-outcome", ex.RecommendedAction);
        }

        [Fact]
        public async Task A_slow_server_is_RequestTimeout()
        {
            using var c = await Harness.Connect(_emulator, o => o.Timeout = TimeSpan.FromMilliseconds(300));
            _emulator.Faults.LatencyMs = 1500;
            await Harness.Fails(() => Client(c).GetTokensAsync(), OnPremErrorIds.RequestTimeout);
        }

        [Fact]
        public async Task A_closed_port_is_ServerUnreachable_and_a_bad_address_is_refused_up_front()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            await Harness.Fails(() => Harness.Connect(_emulator, o => o.Server = "127.0.0.1:" + port), OnPremErrorIds.ServerUnreachable);
            await Harness.Fails(() => Harness.Connect(_emulator, o => o.Server = "http://127.0.0.1"), OnPremErrorIds.InvalidServerAddress);
            await Harness.Fails(() => Harness.Connect(_emulator, o => o.Server = "bad host/x"), OnPremErrorIds.InvalidServerAddress);
        }

        [Fact]
        public async Task A_server_without_the_inferred_endpoints_says_so()
        {
            await using var minimal = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions { InferredEndpoints = false });
            using var c = await Harness.Connect(minimal);
            var client = new OnPremClient(c);
            var token = await client.CreateTokenAsync(new NewTokenRequest());
            var ex = await Harness.Fails(() => client.RevokeTokenAsync(null, token.Value), OnPremErrorIds.EndpointNotSupported);
            Assert.Contains("does not expose token revocation through its API", ex.Message);
            await Harness.Fails(() => client.SynchronizeAsync(true), OnPremErrorIds.EndpointNotSupported);
            Assert.Empty(await client.GetProductInstancesAsync()); // confirmed (A): always there
            await Harness.Fails(() => client.GetTokensAsync("Nope"), OnPremErrorIds.VirtualAccountNotFound);
        }

        [Fact]
        public async Task Without_a_reported_tenant_the_Cslu_url_needs_TenantId()
        {
            await using var quiet = await OnPremEmulator.StartAsync(new OnPremEmulatorOptions { ReportTenantUrl = false });
            using var c = await Harness.Connect(quiet);
            var client = new OnPremClient(c);
            var ex = await Harness.Fails(() => client.GetTransportUrlAsync(TransportType.Cslu), OnPremErrorIds.TenantIdRequired);
            Assert.Contains("cslu_tenant_url", ex.Message);
            Assert.Contains("-TenantId", ex.RecommendedAction);
            Assert.Contains("General", ex.RecommendedAction);
            Assert.Equal(quiet.CsluUrl, (await client.GetTransportUrlAsync(TransportType.Cslu, tenantId: "1")).Url);
            Assert.Equal(quiet.CsluUrl, (await client.GetTransportUrlAsync(TransportType.Cslu, tenantId: quiet.CsluUrl)).Url);
            Assert.Equal(quiet.CsluUrl, (await client.GetTransportUrlAsync(TransportType.Cslu, tenantId: "Lab Account-1")).Url);
            Assert.Equal(quiet.CsluUrl, (await client.GetTransportUrlAsync(TransportType.Cslu, tenantId: "/cslu/v1/pi/Lab%20Account-1")).Url);
        }

        [Fact]
        public async Task No_secret_reaches_the_log_errors_or_ToString()
        {
            var log = new RecordingLog();
            using var c = await Harness.Connect(_emulator, log: log);
            var client = new OnPremClient(c, log);
            var token = await client.CreateTokenAsync(new NewTokenRequest { Description = "secret-test" });
            await client.GetTokensAsync();
            _emulator.Faults.UnauthorizedAfterCalls = 1;
            await client.GetTokensAsync();
            await client.GetTokensAsync();
            _emulator.Faults.Clear();
            await client.RevokeTokenAsync(null, token.Value);
            var error = await Assert.ThrowsAsync<SsmOnPremException>(() => Harness.Connect(_emulator, o => o.ClientSecret = _emulator.ClientSecret + "x", log));

            var accessTokens = _emulator.State.GetAccessTokenValues();
            Assert.NotEmpty(accessTokens);
            var everything = string.Join("\n", log.Text, error.Message, error.RecommendedAction, c.ToString(), token.ToString(), Harness.Options(_emulator).ToString());
            Assert.Contains("DEBUG:", log.Text);
            Assert.DoesNotContain(_emulator.ClientSecret, everything);
            Assert.DoesNotContain(token.Value, everything);
            foreach (var access in accessTokens) Assert.DoesNotContain(access, everything);
        }
    }
}
