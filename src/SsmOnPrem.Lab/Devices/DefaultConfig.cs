namespace SsmOnPrem.Lab.Devices
{
    /// <summary>
    /// The factory configuration a device boots with (each platform's in its Platforms/*Lab class): like a real one, it already has the CiscoTAC-1 call-home profile
    /// pointing at Cisco's cloud, which the lab cannot reach (so registering without configuring a transport fails).
    /// It also carries the secrets a real configuration has (enable secret, local users, SNMP communities and v3 keys,
    /// TACACS+ keys), unique per device, so tests can prove none of them ever leaves the module (<see cref="Secrets"/>).
    /// </summary>
    public static class DefaultConfig
    {
        public const string CiscoCallHomeUrl = "https://tools.cisco.com/its/service/oddce/services/DDCEService";

        public static ConfigNode Create(DeviceProfile p) => Platforms.LabPlatform.For(p.Kind).DefaultConfig(p);

        /// <summary>The secret values in a device's factory configuration (what a leak test searches for).</summary>
        public static string[] Secrets(DeviceProfile p)
        {
            var n = p.Index.ToString("D6");
            return new[]
            {
                "$9$lAbEn" + n + "$Qm7sXfP2kVhT9wZcR4yBdLuNaGe3oJiK8tHpW1xYqS",   // enable secret 9 (scrypt)
                "$9$lAbUs" + n + "$Zr4tLq8WmN2cVbX6yKdP0sHjFgA5eUiO7nTwE3rYhB",   // username ... secret 9
                "L4bC0mmRO" + n,                                                 // snmp-server community
                "0822455D0A16" + n,                                              // tacacs-server key 7
                "0x9f1c2be4a7d3" + n,                                            // SNMPv3 auth key (NX-OS localized)
            };
        }
    }
}
