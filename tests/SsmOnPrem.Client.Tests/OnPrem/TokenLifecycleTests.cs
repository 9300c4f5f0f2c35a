using System;
using System.Linq;
using System.Threading.Tasks;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Lab.OnPrem;
using Xunit;

namespace SsmOnPrem.Client.Tests.OnPrem
{
    public sealed class TokenLifecycleTests : IClassFixture<EmulatorFixture>
    {
        private readonly OnPremEmulator _emulator;
        public TokenLifecycleTests(EmulatorFixture fixture) { _emulator = fixture.Emulator; _emulator.Reset(); }

        [Fact]
        public async Task Create_list_use_by_a_device_revoke_then_the_device_is_refused()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);

            var token = await client.CreateTokenAsync(new NewTokenRequest { Description = "fleet A", ExpiresAfterDays = 10, MaxUses = 3, ExportControlled = true });
            // The create answer is {"tokenInfo":{"token"}} (A-D): nothing else is claimed, and the limit the server did not echo is not reported.
            Assert.Null(token.Status);
            Assert.Null(token.ExpiresOn);
            Assert.Null(token.MaxUses);
            Assert.Null(token.UsesRemaining);
            Assert.Equal(3, token.RequestedMaxUses);
            Assert.True(token.ExportControlled);
            Assert.Equal(_emulator.DefaultVirtualAccount, token.VirtualAccount);
            Assert.Equal(3, _emulator.State.GetTokens().Single().MaxUses); // sent as numberofUses

            var listed = Assert.Single(await client.GetTokensAsync());
            Assert.Equal(token.Value, listed.Value);
            Assert.Equal("fleet A", listed.Description);
            Assert.Equal("ACTIVE", listed.Status);
            Assert.InRange(listed.ExpiresOn.Value, DateTimeOffset.UtcNow.AddDays(9.9), DateTimeOffset.UtcNow.AddDays(10.1));
            Assert.Null(listed.MaxUses);

            var (status, body) = await Harness.DeviceRegister(_emulator, token.Value, "FOC0001");
            Assert.Equal(200, status);
            Assert.True(body.Success);
            Assert.Equal(_emulator.Account, body.SmartAccount);

            await client.RevokeTokenAsync(null, token.Value);
            Assert.Empty(await client.GetTokensAsync());
            Assert.Equal("REVOKED", (await client.GetTokensAsync(includeInactive: true)).Single().Status);

            (status, body) = await Harness.DeviceRegister(_emulator, token.Value, "FOC0002");
            Assert.Equal(400, status);
            Assert.False(body.Success);
            Assert.Contains("revoked", body.Reason);
            Assert.Equal(1, _emulator.State.GetTokens().Single().Uses);
        }

        [Fact]
        public async Task Devices_are_refused_for_unknown_expired_and_exhausted_tokens_and_duplicate_registration()
        {
            var exhausted = _emulator.State.AddToken(_emulator.DefaultVirtualAccount, maxUses: 1);
            var expired = _emulator.State.AddToken(_emulator.DefaultVirtualAccount);
            _emulator.State.ExpireToken(expired.Value);

            Assert.Equal(200, (await Harness.DeviceRegister(_emulator, exhausted.Value, "S1")).Status);
            var (status, body) = await Harness.DeviceRegister(_emulator, exhausted.Value, "S2");
            Assert.Equal(400, status);
            Assert.Contains("maximum number of uses", body.Reason);
            Assert.Contains("expired", (await Harness.DeviceRegister(_emulator, expired.Value, "S3")).Body.Reason);
            Assert.Contains("not valid", (await Harness.DeviceRegister(_emulator, "NoSuchToken1234", "S4")).Body.Reason);

            var fresh = _emulator.State.AddToken(_emulator.DefaultVirtualAccount);
            (status, body) = await Harness.DeviceRegister(_emulator, fresh.Value, "S1");
            Assert.Equal(409, status);
            Assert.Contains("force", body.Reason);
            Assert.Equal(200, (await Harness.DeviceRegister(_emulator, fresh.Value, "S1", force: true)).Status);
        }

        [Fact]
        public async Task Expired_tokens_are_listed_only_when_asked()
        {
            var expired = _emulator.State.AddToken(_emulator.DefaultVirtualAccount, description: "old");
            _emulator.State.ExpireToken(expired.Value);
            _emulator.State.AddToken(_emulator.DefaultVirtualAccount, description: "new");
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            Assert.Equal(new[] { "new" }, (await client.GetTokensAsync()).Select(t => t.Description));
            var all = await client.GetTokensAsync(includeInactive: true);
            Assert.Equal("EXPIRED", all.Single(t => t.Description == "old").Status);
        }

        [Fact]
        public async Task No_use_limit_field_is_sent_without_MaxUses_and_its_name_is_the_one_in_InferredEndpoints()
        {
            var body = OnPremClient.CreateTokenBody(new NewTokenRequest { Description = "d" });
            Assert.Equal(new[] { "description", "expiresAfterDays", "exportControlled" }, body.Properties().Select(p => p.Name));
            Assert.Equal(5, (int)OnPremClient.CreateTokenBody(new NewTokenRequest { MaxUses = 5 })["numberofUses"]);
            using var connection = await Harness.Connect(_emulator);
            await new OnPremClient(connection).CreateTokenAsync(new NewTokenRequest());
            Assert.Null(_emulator.State.GetTokens().Single().MaxUses);
        }

        [Fact]
        public async Task Unknown_status_words_are_kept_and_only_known_dead_tokens_are_hidden()
        {
            var t = new OnPremToken { Value = "x1234567890", Status = "PENDING_APPROVAL" };
            Assert.False(t.IsKnownDead);
            Assert.False(new OnPremToken { Value = "x1234567890" }.IsKnownDead);
            Assert.True(new OnPremToken { Value = "x1234567890", Status = "Revoked" }.IsKnownDead);
            Assert.True(new OnPremToken { Value = "x1234567890", ExpiresOn = DateTimeOffset.UtcNow.AddMinutes(-1) }.IsKnownDead);
            Assert.Contains("status unknown", new OnPremToken { Value = "x1234567890" }.ToString());
            await Task.CompletedTask;
        }

        [Fact]
        public async Task A_create_answered_504_after_it_happened_is_found_by_description_not_repeated()
        {
            using var connection = await Harness.Connect(_emulator);
            var log = new RecordingLog();
            var client = new OnPremClient(connection, log);
            _emulator.Faults.GatewayTimeoutAfterCreate = 1;
            var token = await client.CreateTokenAsync(new NewTokenRequest { Description = "after-504" });
            var created = Assert.Single(_emulator.State.GetTokens());
            Assert.Equal(created.Value, token.Value);
            Assert.Contains("-> 504", log.Text);
            Assert.Contains("despite the error", log.Text);
            Assert.DoesNotContain("attempt 2", log.Text);

            // Nothing created (a 504 before the server acted): created once, after looking.
            _emulator.Faults.ServerErrors = 1;
            var second = await client.CreateTokenAsync(new NewTokenRequest());
            Assert.Equal(2, _emulator.State.GetTokens().Count);
            Assert.Contains(_emulator.State.GetTokens(), t => t.Value == second.Value);

            // An old token with the same description is not mistaken for the new one.
            _emulator.Faults.GatewayTimeoutAfterCreate = 1;
            var third = await client.CreateTokenAsync(new NewTokenRequest { Description = "after-504" });
            Assert.NotEqual(token.Value, third.Value);
            Assert.Equal(3, _emulator.State.GetTokens().Count);
        }

        [Fact]
        public async Task A_virtual_account_created_before_a_504_is_not_created_twice()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            _emulator.Faults.GatewayTimeoutAfterCreate = 1;
            var created = await client.CreateVirtualAccountAsync("After 504", null);
            Assert.Equal("After 504", created.Name);
            Assert.Single(_emulator.State.GetVirtualAccountNames(), n => n == "After 504");
        }

        [Theory]
        [InlineData("West Wing")]
        [InlineData("R&D 100%")]
        [InlineData("Lab/East")]
        [InlineData("a+b=c?d#e")]
        public async Task Names_with_spaces_percent_ampersand_and_slash_round_trip(string name)
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            await client.CreateVirtualAccountAsync(name, null);
            Assert.Contains(name, (await client.GetVirtualAccountsAsync()).Select(v => v.Name));
            var token = await client.CreateTokenAsync(new NewTokenRequest { VirtualAccount = name });
            Assert.Equal(token.Value, Assert.Single(await client.GetTokensAsync(name)).Value);
            Assert.Equal(name, _emulator.State.GetTokens().Single().VirtualAccount);
            await client.RemoveVirtualAccountAsync(name);
            Assert.DoesNotContain(name, _emulator.State.GetVirtualAccountNames());
        }

        [Fact]
        public async Task Token_requests_out_of_range_are_refused_before_anything_is_sent()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            var calls = _emulator.State.ApiCallCount;
            await Harness.Fails(() => client.CreateTokenAsync(new NewTokenRequest { ExpiresAfterDays = 366 }), OnPremErrorIds.InvalidTokenRequest);
            await Harness.Fails(() => client.CreateTokenAsync(new NewTokenRequest { MaxUses = 0 }), OnPremErrorIds.InvalidTokenRequest);
            Assert.Equal(calls, _emulator.State.ApiCallCount);
            Assert.Empty(_emulator.State.GetTokens());
        }

        [Fact]
        public async Task Revoking_a_token_the_virtual_account_does_not_have_is_TokenNotFound()
        {
            using var connection = await Harness.Connect(_emulator);
            await Harness.Fails(() => new OnPremClient(connection).RevokeTokenAsync(null, "NotARealToken99"), OnPremErrorIds.TokenNotFound);
        }

        [Fact]
        public async Task Virtual_accounts_are_listed_and_created()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            var created = await client.CreateVirtualAccountAsync("Branch Offices", "made by a test");
            Assert.Equal("Branch Offices", created.Name);
            var names = (await client.GetVirtualAccountsAsync()).Select(v => v.Name).ToList();
            Assert.Equal(new[] { "Default", "Campus", "Branch Offices" }, names);
            Assert.True((await client.GetVirtualAccountsAsync()).Single(v => v.Name == "Default").IsDefault);
            var again = await Assert.ThrowsAsync<SsmOnPremException>(() => client.CreateVirtualAccountAsync("Branch Offices", null));
            Assert.Equal(OnPremErrorIds.RequestRejected, again.ErrorId);
            Assert.Contains("already exists", again.Message);
            await client.RemoveVirtualAccountAsync("Branch Offices");
            Assert.DoesNotContain("Branch Offices", _emulator.State.GetVirtualAccountNames());
            await Harness.Fails(() => client.RemoveVirtualAccountAsync("Branch Offices"), OnPremErrorIds.VirtualAccountNotFound);
            await Harness.Fails(() => client.RemoveVirtualAccountAsync(".."), OnPremErrorIds.InvalidName);
        }
    }
}
