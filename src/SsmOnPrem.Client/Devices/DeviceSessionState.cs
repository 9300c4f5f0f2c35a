namespace SsmOnPrem.Client.Devices
{
    public enum DeviceSessionState
    {
        Open,
        /// <summary>Closed by the caller or the device.</summary>
        Closed,
        /// <summary>Closed because a command hung, was cancelled or the connection dropped.</summary>
        Broken,
    }
}
