using System.Diagnostics;
using System.IO;
using System.Linq;

namespace SsmOnPrem.Lab.Sshd
{
    /// <summary>
    /// The lab's jump host: an sshd of its own on 127.0.0.1 that lets the lab user log in with the lab password and
    /// open direct-tcpip channels to 127.0.0.1 (the devices), nothing else (no shell: ForceCommand prints a line).
    /// LogLevel DEBUG1 so that every forwarded channel is a line of its log: Get-SsmLab counts them.
    /// </summary>
    public sealed class BastionSshd
    {
        /// <summary>The log line sshd writes for each direct-tcpip channel (serverloop.c, debug1).</summary>
        public const string ForwardMarker = "server_request_direct_tcpip";
        /// <summary>The log line of each accepted login (auth.c, info).</summary>
        public const string LoginMarker = "Accepted ";

        public BastionSshd(string directory)
        {
            KeyPath = Path.Combine(directory, "bastion-host-key");
            ConfigPath = Path.Combine(directory, "bastion.conf");
            LogPath = Path.Combine(directory, "bastion.log");
        }

        public string KeyPath { get; }
        public string ConfigPath { get; }
        public string LogPath { get; }
        public int Port { get; set; }
        public string HostKeyFingerprint { get; set; }
        public Process Process { get; set; }

        public string Config() =>
            "# SsmOnPrem lab bastion sshd (generated; the lab process owns it)\n" +
            $"ListenAddress 127.0.0.1:{Port}\nHostKey {KeyPath}\n" +
            "PidFile none\nLogLevel DEBUG1\n" + SshdConfigText.Login + SshdConfigText.Quiet +
            @"AllowTcpForwarding local
PermitOpen 127.0.0.1:*
PermitTTY no
ForceCommand echo 'SsmOnPrem lab bastion: port forwarding only'
";

        /// <summary>(logins, forwarded channels) so far, read from the log.</summary>
        public (int Logins, int Forwards) Counts()
        {
            if (!File.Exists(LogPath)) return (0, 0);
            using var s = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            int logins = 0, forwards = 0;
            for (var line = r.ReadLine(); line != null; line = r.ReadLine())
            {
                if (line.Contains(ForwardMarker)) forwards++;
                else if (line.Contains(LoginMarker)) logins++;
            }
            return (logins, forwards);
        }
    }
}
