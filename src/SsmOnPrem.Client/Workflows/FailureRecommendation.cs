using System;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>
    /// A short, specific next step for a failed result, derived from its ErrorId and the device's own words. Devices
    /// report network problems tersely ('Fail to send out Call Home HTTP message.'), so the causes behind them are named
    /// here; docs: about_SsmOnPrem, section "FIRST RUN AT A REAL SITE".
    /// </summary>
    public static class FailureRecommendation
    {
        public const string NameResolution = "The device cannot resolve the On-Prem host name: configure a name server on it ('ip name-server <address>' and 'ip domain lookup'; NX-OS 'ip name-server <address> use-vrf <vrf>'), or map the name with 'ip host <name> <address>', or connect with -DeviceHost set to an address the certificate carries.";
        public const string PortRefused = "Ping works but TCP to the On-Prem device port is refused or dropped: open that port (443 by default, see -DevicePort) from the device to On-Prem in ACLs and firewalls, and check that -DevicePort is the port On-Prem serves devices on.";
        public const string PathFailed = "The device does not reach On-Prem: check routing and ACLs from the device; if On-Prem is reached through a management VRF or a given interface, run with -Vrf and/or -SourceInterface; where ICMP is blocked but TCP is open, the TCP check decides.";
        public const string Token = "The ID token is expired, revoked or used up: create a new one (New-SsmToken, or Register-SsmDevice -NewToken) and run again.";
        public const string Clock = "The device clock is off (certificates look expired or not yet valid): configure NTP ('ntp server <address>') or set the clock, then run again.";
        public const string Proxy = "The device goes through an HTTP proxy: check the proxy settings ('call-home' > 'http-proxy', 'license smart proxy') or let the device reach On-Prem directly.";
        public const string TerseSendError = "The device could not talk HTTPS to On-Prem. Run Test-SsmDeviceConnectivity (name resolution and the TCP port from the device); check that the On-Prem certificate carries the URL's host (IOS-XE checks it unless 'no http secure server-identity-check'; IOS-XR needs 'http client secure-verify-peer disable' for self-signed On-Prem certificates), the source interface/VRF (-SourceInterface, -Vrf) and any proxy.";
        public const string CertificateName = "Give the devices a host name the On-Prem certificate carries (Connect-SsmOnPrem -DeviceHost), re-issue the certificate with that name, or turn the devices' identity check off and use -SkipCertificateNameCheck.";

        private static bool Has(string text, string pattern) => TextPatterns.IsMatch(text ?? string.Empty, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The general next step for a failure at <paramref name="stage"/>, for a result that carries no specific one.</summary>
        public static string ForStage(RegistrationStage? stage)
        {
            switch (stage)
            {
                case RegistrationStage.Connect: return "Check the address, port, credentials and host key of the device.";
                case RegistrationStage.Transport: return "Check the transport URL and that the account may configure the device.";
                case RegistrationStage.Connectivity: return "Check routing, ACLs and DNS from the device to On-Prem, or use -SkipConnectivityTest.";
                case RegistrationStage.Wait: return "Check 'show license status' on the device, or raise -WaitTimeoutSec.";
                default: return "Fix what the device reports, then run again (with -JournalPath only the failed devices are redone).";
            }
        }

        /// <summary>The recommendation for a failure; <paramref name="fallback"/> when nothing more specific is known.</summary>
        public static string For(string errorId, string stage, string reason, string fallback)
        {
            switch (errorId)
            {
                case WorkflowErrorIds.NameNotResolved: return NameResolution;
                case WorkflowErrorIds.PortBlocked: return PortRefused;
                case WorkflowErrorIds.ConnectivityFailed: return PathFailed;
                case "DeviceUrlNotInCertificate": return CertificateName;
            }
            if (Has(reason, @"expired|revoked|used up|exceed|maximum (number of )?uses|invalid (id )?token|token (is )?(not valid|invalid)")
                && !Has(reason, @"certificate")) return Token;
            if (Has(reason, @"clock|not yet valid|time (is )?(out of sync|skew)|certificate (has )?expired")) return Clock;
            if (Has(reason, @"proxy")) return Proxy;
            if (Has(reason, @"unable to resolve|unrecognized host|unknown host|bad ip address or host name|invalid host")) return NameResolution;
            if (Has(reason, @"connection refused|refused by remote host")) return PortRefused;
            if (Has(reason, @"Fail to send out Call Home HTTP message|Communication message send error|communication send error|Unable to connect")) return TerseSendError;
            return fallback;
        }
    }
}
