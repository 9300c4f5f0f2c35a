using System;
using System.Collections.Generic;

namespace SsmOnPrem.Lab.Contracts
{
    // The wire contract between the two emulators: what an emulated device POSTs (JSON, camelCase) to the
    // On-Prem emulator's device-facing endpoints, over real HTTPS. The real protocol is Cisco's and private;
    // this one only has to let each side fail the way the real product does.
    //
    //   POST /Transportgateway/services/DeviceRequestHandler   (call-home transport)   DeviceRegistrationRequest
    //   POST /SmartTransport                                    (smart transport)       DeviceRegistrationRequest
    //   POST /cslu/v1/pi/{tenant}                               (SLP, CSLU transport)   UsageReportRequest
    //
    // Answers: 200 with Success=true, or 4xx with Success=false and Reason = the text a device prints after
    // "Failure reason:" (e.g. expired, revoked, exhausted or unknown ID token; unknown tenant).

    public static class DeviceActions
    {
        public const string Register = "register";
        public const string Renew = "renew";
        public const string Deregister = "deregister";
        public const string Trust = "trust";
        public const string Report = "report";
    }

    public sealed class DeviceIdentity
    {
        public string Hostname { get; set; }
        public string Pid { get; set; }
        public string SerialNumber { get; set; }
        public string Platform { get; set; }       // e.g. "IOS-XE", "NX-OS", "IOS-XR", "ASA"
        public string Release { get; set; }
    }

    public sealed class DeviceRegistrationRequest
    {
        public string Action { get; set; }         // DeviceActions.Register | Renew | Deregister
        public string IdToken { get; set; }        // register only
        public bool Force { get; set; }            // 'license smart register idtoken T force'
        public DeviceIdentity Device { get; set; }
    }

    public sealed class DeviceRegistrationResponse
    {
        public bool Success { get; set; }
        public string Reason { get; set; }
        public string SmartAccount { get; set; }
        public string VirtualAccount { get; set; }
        public bool ExportControlled { get; set; }
        public DateTimeOffset? RegistrationExpires { get; set; }
        public DateTimeOffset? AuthorizationExpires { get; set; }
    }

    public sealed class UsageEntry
    {
        public string EntitlementTag { get; set; }
        public string Name { get; set; }
        public int Count { get; set; }
    }

    public sealed class UsageReportRequest
    {
        public string Action { get; set; }         // DeviceActions.Trust | Report
        public string IdToken { get; set; }        // trust only
        public DeviceIdentity Device { get; set; }
        public List<UsageEntry> Usage { get; set; } = new List<UsageEntry>();
    }

    public sealed class UsageReportResponse
    {
        public bool Success { get; set; }
        public string Reason { get; set; }
        public DateTimeOffset? AckReceived { get; set; }
        public DateTimeOffset? TrustCodeInstalled { get; set; }   // set on a successful trust
        public string SmartAccount { get; set; }
        public string VirtualAccount { get; set; }
    }
}
