using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;

namespace SsmOnPrem.Lab.Outputs
{
    /// <summary>
    /// 'telnet HOST PORT' from the device, as admins use it to test a TCP port. Wording: IOS/IOS-XE "Trying A, P ... Open",
    /// "% Connection refused by remote host", "% Connection timed out; remote host not responding"
    /// (notes.networklessons.com, "Troubleshooting - using Telnet to test transport layer ports"); NX-OS runs a
    /// Unix-style client ("Connected to HOST.", "Escape character is '^]'.", "telnet: Unable to connect to remote host:
    /// Connection refused"). Once open, any line typed reaches the HTTPS server, which hangs up, as a real one does on a
    /// line that is no TLS ClientHello.
    /// </summary>
    public static class Telnet
    {
        public static async Task<string> RunAsync(CommandContext c)
        {
            var host = c.Arg(0);
            var port = int.Parse(c.Arg(1));
            var nx = c.Session.Platform.Family == CliFamily.Nxos;
            var address = await Ping.ResolveAsync(c.Device, host);
            if (address == null)
                return nx ? $"telnet: could not resolve {host}/{port}: Name or service not known\n"
                          : $"Translating \"{host}\"...domain server (255.255.255.255)\n% Bad IP address or host name\n";
            var ip = address.ToString();
            var outcome = await ConnectAsync(c, address, port);
            if (outcome == SocketError.Success)
            {
                await c.Session.WriteAsync(nx ? $"Trying {ip}...\nConnected to {host}.\nEscape character is '^]'.\n" : $"Trying {ip}, {port} ... Open\n");
                var line = await c.Session.ReadLineAsync(echo: false);
                if (line == null) { c.Session.Close(); return null; }
                return nx ? "Connection closed by foreign host.\n" : $"\n[Connection to {host} closed by foreign host]\n";
            }
            var refused = outcome == SocketError.ConnectionRefused;
            if (nx)
                return $"Trying {ip}...\ntelnet: Unable to connect to remote host: {(refused ? "Connection refused" : "Connection timed out")}\n";
            return $"Trying {ip}, {port} ... \n" + (refused ? "% Connection refused by remote host\n" : "% Connection timed out; remote host not responding\n");
        }

        // The lab's network holds only the emulator on loopback: anything else times out; -BlockOnPremPort refuses (an ACL).
        private static async Task<SocketError> ConnectAsync(CommandContext c, IPAddress address, int port)
        {
            if (!IPAddress.IsLoopback(address)) return SocketError.TimedOut;
            if (c.Device.Faults.BlockOnPremPort) return SocketError.ConnectionRefused;
            try
            {
                using var client = new TcpClient();
                var connect = client.ConnectAsync(address, port);
                if (await Task.WhenAny(connect, Task.Delay(2000)) != connect) return SocketError.TimedOut;
                await connect;
                return SocketError.Success;
            }
            catch (SocketException ex) { return ex.SocketErrorCode == SocketError.ConnectionRefused ? SocketError.ConnectionRefused : SocketError.TimedOut; }
        }
    }
}
