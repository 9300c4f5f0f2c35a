using System;
using System.Linq;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Licensing
{
    /// <summary>
    /// The device's check that the On-Prem certificate carries the URL's host (IOS-XE does it unless
    /// 'no http secure server-identity-check'; IOS-XR unless 'http client secure-verify-peer disable'). NX-OS and ASA
    /// have no known switch for it, so the lab checks there too (a guess; no public capture either way).
    /// </summary>
    public static class ServerIdentity
    {
        public static bool Accepts(DeviceRuntime d, string urlHost)
        {
            var name = d.Lab.OnPremCertificateName;
            var covered = name != null
                ? string.Equals(urlHost, name, StringComparison.OrdinalIgnoreCase)
                : urlHost == "127.0.0.1" || string.Equals(urlHost, "localhost", StringComparison.OrdinalIgnoreCase);
            if (covered) return true;
            lock (d.Sync)
                return d.Config.Children.Any(n => n.Line == FirstRunCommands.IosXeIdentityCheckOff || n.Line == FirstRunCommands.IosXrVerifyPeerOff);
        }
    }
}
