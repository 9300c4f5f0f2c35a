using System;
using System.Linq;
using System.Threading.Tasks;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Lab.OnPrem;
using Xunit;

namespace SsmOnPrem.Client.Tests.OnPrem
{
    public sealed class InventoryTests : IClassFixture<EmulatorFixture>
    {
        private readonly OnPremEmulator _emulator;
        public InventoryTests(EmulatorFixture fixture) { _emulator = fixture.Emulator; _emulator.Reset(); }

        [Fact]
        public async Task The_Cslu_url_is_the_local_accounts_tenant_url_with_its_percent_encoding()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            var cslu = await client.GetTransportUrlAsync(TransportType.Cslu, "Campus");
            // "Lab Account" has a space: the URL keeps %20 (Uri.ToString() would unescape it).
            Assert.Equal(_emulator.CsluUrl, cslu.Url);
            Assert.EndsWith("/cslu/v1/pi/Lab%20Account-1", cslu.Url);
            Assert.Equal("Lab%20Account-1", cslu.Tenant);
            Assert.Equal("server", cslu.TenantSource);
            Assert.Equal(_emulator.Account, cslu.Account);
            Assert.Equal(_emulator.SmartTransportUrl.AbsoluteUri, (await client.GetTransportUrlAsync(TransportType.SmartTransport)).Url);
            Assert.Equal(_emulator.CallHomeUrl.AbsoluteUri, (await client.GetTransportUrlAsync(TransportType.CallHome)).Url);
            await Harness.Fails(() => client.GetTransportUrlAsync(TransportType.Cslu, tenantId: "a/b"), OnPremErrorIds.TenantIdRequired);
        }

        [Fact]
        public async Task A_report_to_the_account_tenant_lands_in_the_default_virtual_account()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            var url = (await client.GetTransportUrlAsync(TransportType.Cslu)).Url;
            var (status, body) = await Harness.DeviceReport(_emulator, new Uri(url), "FDO1");
            Assert.Equal(200, status);
            Assert.Equal("Default", body.VirtualAccount);
            Assert.Equal(_emulator.Account, body.SmartAccount);
        }

        [Fact]
        public async Task A_usage_report_shows_up_as_a_product_instance_read_from_instanceName_and_sudi()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            var url = (await client.GetTransportUrlAsync(TransportType.Cslu)).Url;
            var (status, body) = await Harness.DeviceReport(_emulator, new Uri(url), "FDO2");
            Assert.Equal(200, status);
            Assert.NotNull(body.AckReceived);

            var pi = Assert.Single(await client.GetProductInstancesAsync(serialNumber: "FDO2"));
            Assert.Equal("rtr-FDO2", pi.Name);
            Assert.Equal("C8300", pi.ProductId);
            Assert.Equal("FDO2", pi.SerialNumber);
            Assert.StartsWith("regid.2017-03.com.cisco.C8300,1.0_", pi.ProductTag);
            Assert.Equal("C8300", pi.Sudi.UdiPid);
            Assert.Equal("V01", pi.Sudi.UdiVid);
            Assert.NotNull(pi.Sudi.Uuid);
            Assert.Equal("PID:C8300,SN:FDO2", pi.Udi);
            Assert.Equal("Cslu", pi.Transport);
            Assert.NotNull(pi.LastReportOn);
            Assert.Equal("Usage report from product instance", Assert.Single(pi.Alerts).Message);
            Assert.Empty(await client.GetProductInstancesAsync(name: "nobody"));
            Assert.Single(await client.GetProductInstancesAsync(name: "RTR-fdo2"));
            // Serial number first: a matching serial with another name is still not found under that name.
            Assert.Empty(await client.GetProductInstancesAsync(name: "other", serialNumber: "FDO2"));
            Assert.Single(_emulator.State.GetUsageReports());
        }

        [Fact]
        public async Task A_product_instance_moves_to_another_virtual_account_and_licenses_show_compliance()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            await Harness.DeviceReport(_emulator, new Uri(_emulator.CsluUrl), "FDO5");
            var license = Assert.Single(await client.GetLicensesAsync());
            Assert.Equal("network-advantage", license.Name);
            Assert.Equal("Out Of Compliance", license.Status);
            Assert.Equal(1, license.InUse);

            var pi = Assert.Single(await client.GetProductInstancesAsync(serialNumber: "FDO5"));
            await Harness.Fails(() => client.MoveProductInstanceAsync(pi, "Nowhere"), OnPremErrorIds.VirtualAccountNotFound);
            var moved = await client.MoveProductInstanceAsync(pi, "Campus");
            Assert.Equal("Campus", moved.VirtualAccount);
            Assert.Empty(await client.GetProductInstancesAsync(serialNumber: "FDO5"));
            Assert.Single(await client.GetProductInstancesAsync("Campus", serialNumber: "FDO5"));
            Assert.Empty(await client.GetLicensesAsync());
            Assert.Single(await client.GetLicensesAsync("Campus"));

            // A transfer answered 504 after it happened is found in the target, not sent again.
            _emulator.Faults.GatewayTimeoutAfterCreate = 1;
            var back = await client.MoveProductInstanceAsync(moved, "Default");
            Assert.Equal("Default", back.VirtualAccount);
        }

        [Fact]
        public async Task A_report_to_an_unknown_tenant_is_refused_with_a_reason()
        {
            var (status, body) = await Harness.DeviceReport(_emulator, new Uri(_emulator.BaseAddress, "/cslu/v1/pi/Nowhere-1"), "FDO3");
            Assert.Equal(404, status);
            Assert.Contains("Nowhere-1", body.Reason);
        }

        [Fact]
        public async Task The_api_probe_reports_one_row_per_endpoint_and_changes_nothing()
        {
            var log = new RecordingLog();
            using var connection = await Harness.Connect(_emulator);
            var tokensBefore = _emulator.State.GetTokens().Count;
            var rows = await new OnPremClient(connection, log).ProbeApiAsync();
            string Result(string endpoint) => rows.Single(r => r.Endpoint == endpoint).Result;
            Assert.Equal("Supported", Result("Local accounts"));
            Assert.Equal("NotSupported", Result("Local accounts (older GET)"));
            Assert.Equal(404, rows.Single(r => r.Endpoint == "Local accounts (older GET)").StatusCode);
            Assert.Equal("Supported", Result("API prefix /api/v1"));
            Assert.Equal("Supported", Result("API prefix /backend/api/v1"));
            Assert.Equal("Supported", Result("Tokens"));
            Assert.Equal("Supported", Result("Product instances"));
            Assert.Equal("Supported", Result("Licenses"));
            Assert.Equal("Supported", Result("Synchronization status"));
            Assert.Equal("Skipped", Result("Create token"));
            Assert.Equal("inferred", rows.Single(r => r.Endpoint == "Synchronization status").Evidence);
            Assert.Equal(tokensBefore, _emulator.State.GetTokens().Count);
            Assert.DoesNotContain(_emulator.ClientSecret, log.Text);
        }

        [Fact]
        public async Task Synchronization_can_be_read_and_triggered()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            Assert.Equal("NEVER", (await client.SynchronizeAsync(trigger: false)).Status);
            var done = await client.SynchronizeAsync(trigger: true);
            Assert.Equal("COMPLETED", done.Status);
            Assert.NotNull(done.LastSynchronization);
        }
    }
}
