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
        public async Task Transport_urls_are_built_from_what_the_server_reports()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            var cslu = await client.GetTransportUrlAsync(TransportType.Cslu, "Campus");
            Assert.Equal(_emulator.CsluUrlFor("Campus"), cslu.Url);
            Assert.Equal("server", cslu.TenantSource);
            Assert.Equal(_emulator.SmartTransportUrl, (await client.GetTransportUrlAsync(TransportType.SmartTransport)).Url);
            Assert.Equal(_emulator.CallHomeUrl, (await client.GetTransportUrlAsync(TransportType.CallHome)).Url);
        }

        [Fact]
        public async Task Cslu_url_of_a_name_with_spaces_is_url_encoded_and_accepted_by_the_server()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            await client.CreateVirtualAccountAsync("West Wing", null);
            var url = (await client.GetTransportUrlAsync(TransportType.Cslu, "West Wing")).Url;
            Assert.EndsWith("/cslu/v1/pi/West%20Wing-1", url.AbsoluteUri);
            var (status, body) = await Harness.DeviceReport(_emulator, url, "FDO1");
            Assert.Equal(200, status);
            Assert.Equal("West Wing", body.VirtualAccount);
        }

        [Fact]
        public async Task A_usage_report_shows_up_as_a_product_instance_with_its_alert()
        {
            using var connection = await Harness.Connect(_emulator);
            var client = new OnPremClient(connection);
            var url = (await client.GetTransportUrlAsync(TransportType.Cslu)).Url;
            var (status, body) = await Harness.DeviceReport(_emulator, url, "FDO2");
            Assert.Equal(200, status);
            Assert.NotNull(body.AckReceived);

            var pi = Assert.Single(await client.GetProductInstancesAsync(serialNumber: "FDO2"));
            Assert.Equal("rtr-FDO2", pi.Name);
            Assert.Equal("Cslu", pi.Transport);
            Assert.NotNull(pi.LastReportOn);
            Assert.Equal("Usage report from product instance", Assert.Single(pi.Alerts).Message);
            Assert.Empty(await client.GetProductInstancesAsync(name: "nobody"));
            Assert.Single(_emulator.State.GetUsageReports());
        }

        [Fact]
        public async Task A_report_to_an_unknown_tenant_is_refused_with_a_reason()
        {
            var (status, body) = await Harness.DeviceReport(_emulator, new Uri(_emulator.BaseAddress, "/cslu/v1/pi/Nowhere-1"), "FDO3");
            Assert.Equal(404, status);
            Assert.Contains("Nowhere-1", body.Reason);
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
