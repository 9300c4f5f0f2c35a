namespace SsmOnPrem.Client.Devices
{
    /// <summary>
    /// Bounds on what one command may print (docs/SECURITY.md, "Bounded device I/O"). Licensing outputs are tens of KB;
    /// a device that prints more than this (a flood, a broken terminal, a hostile peer) ends that device's run with
    /// DeviceOutputTooLarge and its session is closed; the rest of a fleet goes on.
    /// </summary>
    public sealed class DeviceOutputLimits
    {
        /// <summary>Characters one command may print, echo and prompt included (1 MiB).</summary>
        public int MaxOutputChars { get; set; } = 1024 * 1024;

        /// <summary>Characters one line may hold (64 KiB); no Cisco CLI line comes near it.</summary>
        public int MaxLineChars { get; set; } = 64 * 1024;

        public static DeviceOutputLimits Default => new DeviceOutputLimits();
    }
}
