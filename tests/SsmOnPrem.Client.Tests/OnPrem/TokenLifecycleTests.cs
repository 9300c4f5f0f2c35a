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
            Assert.Equal("ACTIVE", token.Status);
            Assert.Equal(3, token.UsesRemaining);
            Assert.True(token.ExportControlled);
            Assert.Equal(_emulator.DefaultVirtualAccount, token.VirtualAccount);
            Assert.InRange(token.ExpiresOn.Value, DateTimeOffset.UtcNow.AddDays(9.9), DateTimeOffset.UtcNow.AddDays(10.1));

            var listed = Assert.Single(await client.GetTokensAsync());
            Assert.Equal(token.Value, listed.Value);
            Assert.Equal("fleet A", listed.Description);

            var (status, body) = await Harness.DeviceRegister(_emulator, token.Value, "FOC0001");
            Assert.Equal(200, status);
            Assert.True(body.Success);
            Assert.Equal(_emulator.Account, body.SmartAccount);
            Assert.Equal(2, (await client.GetTokensAsync()).Single().UsesRemaining);

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
            var again = await Assert.ThrowsAsync<SsmOnPremException>(() => client.CreateVirtualAccountAsync("Branch Offices", null));
            Assert.Equal(OnPremErrorIds.RequestRejected, again.ErrorId);
            Assert.Contains("already exists", again.Message);
        }
    }
}
