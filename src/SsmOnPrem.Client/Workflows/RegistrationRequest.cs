using System;
using SsmOnPrem.Client.Devices.Platforms;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>What Register-SsmDevice asks of every device in a run.</summary>
    public sealed class RegistrationRequest
    {
        /// <summary>The ID token (legacy: required; SLP: optional, used for 'license smart trust').</summary>
        public string Token { get; set; }
        /// <summary>Re-register / re-trust even when already done; adds 'force' to the command.</summary>
        public bool Force { get; set; }
        public bool SkipTransport { get; set; }
        public bool SkipConnectivityTest { get; set; }
        /// <summary>Leave a transport change in the running configuration only (no 'copy running-config startup-config' / 'write memory').</summary>
        public bool SkipSave { get; set; }
        /// <summary>Device-facing URLs per transport kind (a legacy device uses CallHome, an SLP device Cslu unless <see cref="TransportKind"/> says otherwise).</summary>
        public string CallHomeUrl { get; set; }
        public string SmartTransportUrl { get; set; }
        public string CsluUrl { get; set; }
        /// <summary>Forces one transport kind for every device (null: by licensing mode).</summary>
        public DeviceTransportKind? TransportKind { get; set; }
        public TransportExtras Extras { get; set; } = new TransportExtras();
        /// <summary>Ping target (default: the host of the transport URL).</summary>
        public string ConnectivityTarget { get; set; }
        /// <summary>
        /// Wait for the asynchronous outcome (default). False: return Submitted as soon as the device accepted
        /// 'license smart register idtoken' (legacy) or 'license smart sync' (SLP); no Wait and Verify stages.
        /// </summary>
        public bool Wait { get; set; } = true;
        /// <summary>How long to wait for the asynchronous outcome (registration, trust, ACK).</summary>
        public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(5);
        /// <summary>Expected Smart Account / virtual account names (On-Prem's local account and LVA): AlreadyRegistered only when they match.</summary>
        public string ExpectedSmartAccount { get; set; }
        public string ExpectedVirtualAccount { get; set; }
        /// <summary>SLP: 'license smart trust idtoken T all' (true) or 'local'; 'license smart sync all' or 'local'.</summary>
        public bool AllMembers { get; set; } = true;
        /// <summary>-WhatIf: read the device, plan the lines, send nothing that changes it.</summary>
        public bool PlanOnly { get; set; }

        /// <summary>The same request for -WhatIf: read and plan, send nothing (each device's workflow gets its own copy).</summary>
        public RegistrationRequest ForPlan()
        {
            var copy = (RegistrationRequest)MemberwiseClone();
            copy.PlanOnly = true;
            return copy;
        }

        public string UrlFor(DeviceTransportKind kind)
        {
            switch (kind)
            {
                case DeviceTransportKind.Cslu: return CsluUrl;
                case DeviceTransportKind.SmartTransport: return SmartTransportUrl;
                default: return CallHomeUrl;
            }
        }
    }
}
