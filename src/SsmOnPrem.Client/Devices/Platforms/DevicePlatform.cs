namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>The Cisco operating systems the module drives.</summary>
    public enum DevicePlatform { Unknown, IosXe, NxOs, IosXr, Asa }

    /// <summary>How configuration takes effect: line by line (IOS-XE, NX-OS, ASA) or on 'commit' (IOS-XR).</summary>
    public enum ConfigCommitStyle { Immediate, Commit }

    /// <summary>Which device-facing On-Prem endpoint a transport configuration points at.</summary>
    public enum DeviceTransportKind { CallHome, SmartTransport, Cslu }
}
