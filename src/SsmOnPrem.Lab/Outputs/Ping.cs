using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Outputs
{
    /// <summary>
    /// 'ping HOST' from the device's point of view: the only host on the lab's network is the On-Prem emulator, so a
    /// ping succeeds when HOST resolves (literal, device host table, or the lab machine's resolver) to the emulator's
    /// address and the emulator answers; anything else times out, as an unreachable server would.
    /// </summary>
    public static class Ping
    {
        /// <param name="hostArgument">Which argument is the host ('ping vrf V HOST', ASA 'ping IFNAME HOST': 1).</param>
        public static async Task<string> RunAsync(CommandContext c, int hostArgument = 0)
        {
            var host = c.Arg(hostArgument);
            var family = c.Session.Platform.Family;
            var address = await ResolveAsync(c.Device, host);
            if (address == null)
            {
                return family == CliFamily.Nxos ? $"% Invalid host/interface {host}\n"
                     : family == CliFamily.Asa ? $"ERROR: % Invalid Hostname\n"
                     : "% Unrecognized host or address, or protocol not running.\n\n";
            }
            bool ok = await ReachesOnPremAsync(c.Device.Lab, address);
            var ip = address.ToString();
            var text = new StringBuilder();
            if (family == CliFamily.Nxos)
            {
                text.Append($"PING {host} ({ip}): 56 data bytes\n");
                for (int i = 0; i < 5; i++) text.Append(ok ? $"64 bytes from {ip}: icmp_seq={i} ttl=64 time=0.{300 + i * 17} ms\n" : $"Request {i} timed out\n");
                text.Append($"\n--- {host} ping statistics ---\n");
                text.Append(ok ? "5 packets transmitted, 5 packets received, 0.00% packet loss\nround-trip min/avg/max = 0.300/0.334/0.368 ms\n"
                               : "5 packets transmitted, 0 packets received, 100.00% packet loss\n");
                return text.ToString();
            }
            text.Append("Type escape sequence to abort.\n");
            text.Append($"Sending 5, 100-byte ICMP Echos to {ip}, timeout is 2 seconds:\n");
            text.Append(ok ? "!!!!!\nSuccess rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms\n" : ".....\nSuccess rate is 0 percent (0/5)\n");
            return text.ToString();
        }

        public static async Task<IPAddress> ResolveAsync(DeviceRuntime d, string host)
        {
            if (IPAddress.TryParse(host, out var literal)) return literal;
            string entry = null;
            if (d != null) lock (d.Sync)
            {
                entry = d.Config.Children.Select(n => n.Line.Split(' '))
                    .Where(w => (w.Length == 4 && (w[0] == "ip" && w[1] == "host")) || (w.Length == 5 && w[0] == "domain" && w[2] == "host") || (w.Length == 3 && w[0] == "name"))
                    .Select(w => w[0] == "name" ? (w[2] == host ? w[1] : null) : (w[w.Length - 2] == host ? w[w.Length - 1] : null))
                    .FirstOrDefault(x => x != null);
            }
            if (entry != null && IPAddress.TryParse(entry, out var fromTable)) return fromTable;
            if (d != null && d.Faults.NoNameServer) return null;
            // The lab's name server knows the name the On-Prem certificate carries.
            if (d != null && d.Lab.OnPremCertificateName != null && string.Equals(host, d.Lab.OnPremCertificateName, StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(host);
                return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            }
            catch (SocketException) { return null; }
            catch (ArgumentException) { return null; }
        }

        public static async Task<bool> ReachesOnPremAsync(LabContext lab, IPAddress address)
        {
            if (lab.OnPremBaseAddress == null || !IPAddress.IsLoopback(address)) return false;
            var target = await ResolveAsync(null, lab.OnPremBaseAddress.Host).ConfigureAwait(false);
            if (target == null || !(target.Equals(address) || IPAddress.IsLoopback(target) && address.Equals(IPAddress.Loopback))) return false;
            try
            {
                using var client = new TcpClient();
                var connect = client.ConnectAsync(address, lab.OnPremBaseAddress.Port);
                return await Task.WhenAny(connect, Task.Delay(2000)) == connect && client.Connected;
            }
            catch (SocketException) { return false; }
        }
    }
}
