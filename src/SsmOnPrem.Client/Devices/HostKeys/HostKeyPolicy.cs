namespace SsmOnPrem.Client.Devices.HostKeys
{
    /// <summary>How a device's SSH host key is trusted. Nothing ever prompts.</summary>
    public enum HostKeyPolicy
    {
        /// <summary>The key must be in known_hosts; unknown or changed keys are refused (the default).</summary>
        Strict,
        /// <summary>Trust on first use: an unknown key is added to known_hosts; a changed key is refused.</summary>
        AcceptNew,
        /// <summary>The key must have the fingerprint given with -HostKeyFingerprint; known_hosts is not consulted.</summary>
        Pinned,
        /// <summary>No verification at all (explicit opt-in; the cmdlets warn).</summary>
        None,
    }
}
