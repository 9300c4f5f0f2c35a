namespace SsmOnPrem.Lab.Devices
{
    /// <summary>
    /// The factory configuration a device boots with: like a real one, it already has the CiscoTAC-1 call-home profile
    /// pointing at Cisco's cloud, which the lab cannot reach (so registering without configuring a transport fails).
    /// It also carries the secrets a real configuration has (enable secret, local users, SNMP communities and v3 keys,
    /// TACACS+ keys), unique per device, so tests can prove none of them ever leaves the module (<see cref="Secrets"/>).
    /// </summary>
    public static class DefaultConfig
    {
        public const string CiscoCallHomeUrl = "https://tools.cisco.com/its/service/oddce/services/DDCEService";

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

        public static ConfigNode Create(DeviceProfile p)
        {
            var root = new ConfigNode("");
            var s = Secrets(p);
            switch (p.Kind)
            {
                case PlatformKind.IosXe16:
                case PlatformKind.IosXe17:
                    root.Children.Add(new ConfigNode("version " + p.Release.Substring(0, p.Release.LastIndexOf('.'))));
                    root.Children.Add(new ConfigNode("service timestamps debug datetime msec"));
                    root.Children.Add(new ConfigNode("service timestamps log datetime msec"));
                    root.Children.Add(new ConfigNode("hostname " + p.Hostname));
                    root.Children.Add(new ConfigNode("enable secret 9 " + s[0]));
                    root.Children.Add(new ConfigNode("username netops privilege 15 secret 9 " + s[1]));
                    if (p.Kind == PlatformKind.IosXe17) root.Children.Add(new ConfigNode("license boot level network-advantage addon dna-advantage"));
                    var ch = new ConfigNode("call-home");
                    ch.Children.Add(new ConfigNode("contact-email-addr sch-smart-licensing@cisco.com"));
                    var prof = new ConfigNode("profile \"CiscoTAC-1\"");
                    prof.Children.Add(new ConfigNode("active"));
                    prof.Children.Add(new ConfigNode("destination transport-method http"));
                    if (p.Kind == PlatformKind.IosXe16) prof.Children.Add(new ConfigNode("destination address http " + CiscoCallHomeUrl));
                    ch.Children.Add(prof);
                    root.Children.Add(ch);
                    root.Children.Add(new ConfigNode("ip ssh version 2"));
                    root.Children.Add(new ConfigNode("snmp-server community " + s[2] + " RO"));
                    root.Children.Add(new ConfigNode("tacacs-server key 7 " + s[3]));
                    break;
                case PlatformKind.Nxos9:
                case PlatformKind.Nxos10:
                    root.Children.Add(new ConfigNode("version " + p.Release + " Bios:version 05.47"));
                    root.Children.Add(new ConfigNode("hostname " + p.Hostname));
                    root.Children.Add(new ConfigNode("feature ssh"));
                    root.Children.Add(new ConfigNode("username admin password 5 " + s[1] + "  role network-admin"));
                    root.Children.Add(new ConfigNode("snmp-server user admin network-admin auth md5 " + s[4] + " priv " + s[4] + " localizedkey"));
                    root.Children.Add(new ConfigNode("snmp-server community " + s[2] + " group network-operator"));
                    root.Children.Add(new ConfigNode("tacacs-server key 7 \"" + s[3] + "\""));
                    var nx = new ConfigNode("callhome");
                    nx.Children.Add(new ConfigNode("email-contact sch-smart-licensing@cisco.com"));
                    nx.Children.Add(new ConfigNode("destination-profile CiscoTAC-1 transport-method http"));
                    nx.Children.Add(new ConfigNode("destination-profile CiscoTAC-1 index 1 http " + CiscoCallHomeUrl));
                    nx.Children.Add(new ConfigNode("transport http use-vrf management"));
                    nx.Children.Add(new ConfigNode("enable"));
                    root.Children.Add(nx);
                    break;
                case PlatformKind.IosXr:
                    root.Children.Add(new ConfigNode("hostname " + p.Hostname));
                    var user = new ConfigNode("username netops");
                    user.Children.Add(new ConfigNode("group root-lr"));
                    user.Children.Add(new ConfigNode("secret 10 " + s[1]));
                    root.Children.Add(user);
                    root.Children.Add(new ConfigNode("snmp-server community " + s[2] + " RO"));
                    root.Children.Add(new ConfigNode("tacacs-server key 7 " + s[3]));
                    var xr = new ConfigNode("call-home");
                    xr.Children.Add(new ConfigNode("service active"));
                    xr.Children.Add(new ConfigNode("contact smart-licensing"));
                    var xp = new ConfigNode("profile CiscoTAC-1");
                    xp.Children.Add(new ConfigNode("active"));
                    xp.Children.Add(new ConfigNode("destination address http " + CiscoCallHomeUrl));
                    xp.Children.Add(new ConfigNode("destination transport-method http"));
                    xr.Children.Add(xp);
                    root.Children.Add(xr);
                    break;
                case PlatformKind.Asa:
                    root.Children.Add(new ConfigNode("hostname " + p.Hostname));
                    root.Children.Add(new ConfigNode("enable password ***** pbkdf2"));
                    root.Children.Add(new ConfigNode("username netops password " + s[1] + " pbkdf2 privilege 15"));
                    root.Children.Add(new ConfigNode("snmp-server community " + s[2]));
                    var lic = new ConfigNode("license smart");
                    lic.Children.Add(new ConfigNode("feature tier standard"));
                    root.Children.Add(lic);
                    var ac = new ConfigNode("call-home");
                    var ap = new ConfigNode("profile License");
                    ap.Children.Add(new ConfigNode("destination address http " + CiscoCallHomeUrl));
                    ap.Children.Add(new ConfigNode("destination transport-method http"));
                    ac.Children.Add(ap);
                    root.Children.Add(ac);
                    break;
            }
            return root;
        }
    }
}
