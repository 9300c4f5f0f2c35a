using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>What Set-SsmDeviceTransport / Unregister-SsmDevice did on one device (type name SsmOnPrem.DeviceChangeResult).</summary>
    public sealed class DeviceChangeResult
    {
        public string ComputerName { get; set; }
        public int Port { get; set; }
        public string Hostname { get; set; }
        public string Platform { get; set; }
        public string Mode { get; set; }
        /// <summary>"Transport" or "Deregister".</summary>
        public string Action { get; set; }
        /// <summary>Transport kind configured (CallHome, SmartTransport, Cslu) and its URL, for Transport.</summary>
        public string TransportType { get; set; }
        public string Url { get; set; }
        /// <summary>False when the device already had this configuration (nothing was sent).</summary>
        public bool Changed { get; set; }
        /// <summary>True when the change was saved (or committed, IOS-XR); false with <see cref="ConfigSaveReason"/>; null when nothing changed.</summary>
        public bool? ConfigSaved { get; set; }
        /// <summary>Why the change was not saved (-SkipSave, the device's refusal); null otherwise.</summary>
        public string ConfigSaveReason { get; set; }
        public bool Success { get; set; }
        public string FailureReason { get; set; }
        /// <summary>Lines sent (or, with -WhatIf, that would be sent), secrets masked.</summary>
        public List<string> CommandsSent { get; set; } = new List<string>();
        public LicenseStatus LicenseStatus { get; set; }
    }
}
