using System.Linq;
using Xunit;

namespace SsmOnPrem.PowerShell.Tests
{
    public class ConvertFromSsmLicenseOutputInProcessTests
    {
        [Fact]
        public void ParsesACaptureThroughTheBuiltModule()
        {
            using var host = new ModuleHost();
            var (output, errors) = host.Run(
                "Get-Content $path | ConvertFrom-SsmLicenseOutput",
                ("path", ModuleHost.Fixture("device-outputs/iosxe16_show-license-status_registered.txt")));
            Assert.Empty(errors);
            var status = Assert.Single(output);
            Assert.Equal("Registered", status.Properties["RegistrationStatus"].Value.ToString());
        }

        [Fact]
        public void GarbageGetsANonTerminatingErrorWithAStableId()
        {
            using var host = new ModuleHost();
            var (output, errors) = host.Run("'hello world' | ConvertFrom-SsmLicenseOutput");
            Assert.Empty(output);
            var error = Assert.Single(errors);
            Assert.StartsWith("NotLicenseOutput,", error.FullyQualifiedErrorId);
        }

        [Fact]
        public void ModuleExportsExactlyTheCmdletsItsManifestLists()
        {
            using var host = new ModuleHost();
            var (output, _) = host.Run(
                "$listed = (Import-PowerShellDataFile $manifest).CmdletsToExport | Sort-Object;" +
                "$exported = (Get-Command -Module SsmOnPrem).Name | Sort-Object;" +
                "[string]::Join(',', $listed) -eq [string]::Join(',', $exported) -and $exported.Count -gt 0",
                ("manifest", ModuleHost.ManifestPath));
            Assert.True((bool)output.Single().BaseObject);
        }
    }
}
