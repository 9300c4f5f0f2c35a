namespace SsmOnPrem.Lab.Devices
{
    /// <summary>
    /// The factory configuration a device boots with (each platform's in its Platforms/*Lab class): like a real one, it already has the CiscoTAC-1 call-home profile
    /// pointing at Cisco's cloud, which the lab cannot reach (so registering without configuring a transport fails).
    /// </summary>
    public static class DefaultConfig
    {
        public const string CiscoCallHomeUrl = "https://tools.cisco.com/its/service/oddce/services/DDCEService";

        public static ConfigNode Create(DeviceProfile p) => Platforms.LabPlatform.For(p.Kind).DefaultConfig(p);
    }
}
