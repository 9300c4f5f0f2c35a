using System;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Outputs
{
    /// <summary>'show version' in each platform's own layout (modelled on public captures of real devices).</summary>
    public static class ShowVersion
    {
        public static string Render(DeviceRuntime d, LabContext lab)
        {
            var p = d.Profile;
            var host = DeviceText.Hostname(d);
            var uptime = DeviceText.Uptime(lab.Started);
            switch (p.Kind)
            {
                case PlatformKind.IosXe16:
                case PlatformKind.IosXe17:
                    bool slp = p.Kind == PlatformKind.IosXe17;
                    var train = slp ? "Cupertino" : "Gibraltar";
                    var status = slp ? "Smart Licensing Using Policy" : LegacyStatusLine(d);
                    return
$@"Cisco IOS XE Software, Version {p.Release}
Cisco IOS Software [{train}], Catalyst L3 Switch Software (CAT9K_IOSXE), Version {p.Release}, RELEASE SOFTWARE (fc2)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Thu 27-Jul-23 20:12 by mcpre


Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License (""GPL"") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or ""License Notice"" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.


ROM: IOS-XE ROMMON
BOOTLDR: System Bootstrap, Version 17.11.1r, RELEASE SOFTWARE (P)

{host} uptime is {uptime}
Uptime for this control processor is {uptime}
System returned to ROM by Reload Command
System image file is ""flash:packages.conf""
Last reload reason: Reload Command



This product contains cryptographic features and is subject to United
States and local country laws governing import, export, transfer and
use. Delivery of Cisco cryptographic products does not imply
third-party authority to import, export, distribute or use encryption.
Importers, exporters, distributors and users are responsible for
compliance with U.S. and local country laws. By using this product you
agree to comply with applicable laws and regulations. If you are unable
to comply with U.S. and local country laws, return this product immediately.

A summary of U.S. laws governing Cisco cryptographic products may be found at:
http://www.cisco.com/wwl/export/crypto/tool/stqrg.html

If you require further assistance please contact us by sending email to
export@cisco.com.


Technology Package License Information: 

------------------------------------------------------------------------------
Technology-package                                     Technology-package
Current                        Type                       Next reboot  
------------------------------------------------------------------------------
network-advantage       {(slp ? "Smart License                 " : "Smart License                 ")}network-advantage   
dna-advantage           Subscription Smart License    dna-advantage                 
AIR License Level: AIR DNA Advantage
Next reload AIR license Level: AIR DNA Advantage


Smart Licensing Status: {status}

cisco {p.Pid} (X86) processor with 1331521K/6147K bytes of memory.
Processor board ID {p.SerialNumber}
2048K bytes of non-volatile configuration memory.
8388608K bytes of physical memory.
1638400K bytes of Crash Files at crashinfo:.
11264000K bytes of Flash at flash:.

Base Ethernet MAC Address          : 00:1e:bd:{p.Index / 256 % 256:x2}:{p.Index % 256:x2}:00
Motherboard Assembly Number        : 73-18271-03
Motherboard Serial Number          : {p.SerialNumber}
Model Revision Number              : A0
Motherboard Revision Number        : A0
Model Number                       : {p.Pid}
System Serial Number               : {p.SerialNumber}


Switch Ports Model              SW Version        SW Image              Mode   
------ ----- -----              ----------        ----------            ----   
*    1 41    {p.Pid,-17}{p.Release,-18}CAT9K_IOSXE           INSTALL


Configuration register is 0x102
";
                case PlatformKind.Nxos9:
                case PlatformKind.Nxos10:
                    return
$@"Cisco Nexus Operating System (NX-OS) Software
TAC support: http://www.cisco.com/tac
Documents: http://www.cisco.com/en/US/products/ps9372/tsd_products_support_series_home.html
Copyright (c) 2002-2023, Cisco Systems, Inc. All rights reserved.
The copyrights to certain works contained herein are owned by
other third parties and are used and distributed under license.
Some parts of this software are covered under the GNU Public
License. A copy of the license is available at
http://www.gnu.org/licenses/gpl.html.

Nexus 9000v is a demo version of the Nexus Operating System

Software
  BIOS: version 05.47
 NXOS: version {p.Release}
  BIOS compile time:  04/28/2022
  NXOS image file is: bootflash:///nxos64-cs.{p.Release.Replace("(", ".").Replace(")", "")}.M.bin
  NXOS compile time:  8/17/2023 12:00:00 [08/17/2023 21:35:06]


Hardware
  cisco Nexus9000 C93180YC-FX Chassis 
  Intel(R) Xeon(R) CPU D-1528 @ 1.90GHz with 24571632 kB of memory.
  Processor Board ID {p.SerialNumber}

  Device name: {host}
  bootflash:  115805708 kB
Kernel uptime is {(int)(DateTimeOffset.UtcNow - lab.Started).TotalDays} day(s), {(DateTimeOffset.UtcNow - lab.Started).Hours} hour(s), {(DateTimeOffset.UtcNow - lab.Started).Minutes} minute(s), {(DateTimeOffset.UtcNow - lab.Started).Seconds} second(s)

Last reset 
  Reason: Unknown
  System version: 
  Service: 

plugin
  Core Plugin, Ethernet Plugin

Active Package(s):
	
";
                case PlatformKind.IosXr:
                    return
$@"Cisco IOS XR Software, Version {p.Release}
Copyright (c) 2013-2022 by Cisco Systems, Inc.

Build Information:
 Built By     : ingunawa
 Built On     : Thu Mar 31 16:20:04 PDT 2022
 Built Host   : iox-ucs-025
 Workspace    : /auto/srcarchive17/prod/{p.Release}/ncs5500/ws
 Version      : {p.Release}
 Location     : /opt/cisco/XR/packages/
 Label        : {p.Release}

cisco NCS-5500 () processor
System uptime is {uptime}
";
                default:
                    return
$@"
Cisco Adaptive Security Appliance Software Version {p.Release} 
SSP Operating System Version 2.12(0.442)
Device Manager Version 7.18(1)

Compiled on Tue 14-Feb-23 12:07 GMT by builders
System image file is ""disk0:/installables/switch/fxos-k8-fp2k-lfbff.2.12.0.442.SPA""
Config file at boot was ""startup-config""

{host} up {uptime}

Hardware:   {p.Pid}, 6588 MB RAM, CPU MIPS 1200 MHz, 1 CPU (6 cores)


 1: Int: internal-data0/0    : address is 0000.0100.0001, irq 0

License mode: Smart Licensing
Licensed features for this platform:
Maximum Physical Interfaces       : Unlimited      perpetual
Maximum VLANs                     : 1024           perpetual
Inside Hosts                      : Unlimited      perpetual
Failover                          : Active/Active  perpetual
Encryption-DES                    : Enabled        perpetual
Encryption-3DES-AES               : {(d.License.ExportControlled ? "Enabled " : "Disabled")}       perpetual
Security Contexts                 : 2              perpetual
Carrier                           : Disabled       perpetual
AnyConnect Premium Peers          : 1500           perpetual
AnyConnect Essentials             : Disabled       perpetual
Other VPN Peers                   : 1500           perpetual
Total VPN Peers                   : 1500           perpetual
AnyConnect for Mobile             : Disabled       perpetual
AnyConnect for Cisco VPN Phone    : Disabled       perpetual
Advanced Endpoint Assessment      : Disabled       perpetual
Shared License                    : Disabled       perpetual
Total TLS Proxy Sessions          : 4500           perpetual
Botnet Traffic Filter             : Enabled        perpetual
Cluster                           : Disabled       perpetual

Serial Number: {p.SerialNumber}
Configuration register is 0x1
Image type          : Release
Key version         : A

Configuration last modified by enable_15 at 12:00:00.000 UTC {DateTime.UtcNow:ddd MMM d yyyy}
";
            }
        }

        public static string LegacyStatusLine(DeviceRuntime d)
        {
            var l = d.License;
            var reg = l.Registration == RegistrationState.Registered ? "REGISTERED"
                    : l.Registration == RegistrationState.InProgress ? "REGISTRATION IN PROGRESS" : "UNREGISTERED";
            var auth = l.Registration == RegistrationState.Registered ? "AUTHORIZED" : "EVAL MODE";
            return reg + "/" + auth;
        }
    }
}
