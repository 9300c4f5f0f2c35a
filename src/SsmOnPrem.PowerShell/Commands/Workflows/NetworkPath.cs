using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// -SourceInterface and -Vrf of the cmdlets whose traffic from the device to On-Prem can be steered
    /// (Register-SsmDevice, Set-SsmDeviceTransport, Test-SsmDeviceConnectivity): checked once, before any device is
    /// connected, not per device on the way to the CLI.
    /// </summary>
    internal static class NetworkPath
    {
        /// <summary>Throws an SsmOnPremException (InvalidCliArgument) when either cannot be a CLI argument.</summary>
        internal static void Check(string sourceInterface, string vrf)
        {
            if (sourceInterface != null) CliArgument.InterfaceName(sourceInterface, "-SourceInterface");
            if (vrf != null) CliArgument.Name(vrf, "-Vrf");
        }
    }
}
