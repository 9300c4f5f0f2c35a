using System.Threading.Tasks;
using SsmOnPrem.Lab.Devices;
using SsmOnPrem.Lab.Hosting;
using Xunit;

namespace SsmOnPrem.Lab.Tests
{
    /// <summary>Reset (for benchmarks) on a lab of its own, so that it cannot disturb the shared lab's tests.</summary>
    public sealed class ResetTests
    {
        [Fact]
        public async Task Reset_restores_factory_configuration_and_unregisters()
        {
            await using var lab = await LabHost.StartAsync(new LabOptions { DeviceCount = 2, Platforms = new System.Collections.Generic.List<string> { "IOS-XE-16" }, RegistrationDelayMs = 0 });
            try
            {
                var d = lab.Devices[0];
                using (var s = new DeviceShell(d))
                {
                    s.Enable();
                    s.Run("configure terminal");
                    s.Run("hostname renamed");
                    s.Run("end");
                    Assert.Equal("renamed#", s.Prompt);
                }
                d.License.Registration = RegistrationState.Registered;
                await lab.HandleAdminAsync("{\"op\":\"reset\"}");
                Assert.Equal(RegistrationState.Unregistered, d.License.Registration);
                using var again = new DeviceShell(d);
                Assert.Equal(d.Profile.Hostname + ">", again.Prompt);
            }
            finally { try { System.IO.Directory.Delete(lab.Options.StateDirectory, true); } catch { } }
        }
    }
}
