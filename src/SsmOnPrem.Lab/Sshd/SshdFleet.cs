using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Sshd
{
    /// <summary>
    /// The lab's own OpenSSH servers: ⌈N/16⌉ sshd instances (OpenSSH 9.2 takes at most 16 listen sockets each) on
    /// 127.0.0.1, each with its own config and host key, all handing sessions to the lab process through a tiny bash
    /// ForceCommand shim. Never touches the system sshd. A device can be moved to an sshd of its own (host key change).
    /// </summary>
    public sealed class SshdFleet : IDisposable
    {
        public const string SshdPath = "/usr/sbin/sshd";
        public const int PortsPerSshd = 16;
        private const string PamService = "ssmonprem-lab-sshd";
        private readonly string directory;
        private readonly string forceCommand;
        private readonly List<SshdGroup> groups = new List<SshdGroup>();
        private readonly object sync = new object();
        private int nextGroupId;
        // Every port handed to a group. Groups start in parallel: between one group releasing its reserved ports and its
        // sshd binding them, another group's reservation could get the same ports from the OS (seen: 15 duplicated ports
        // in a 1,000-device lab, each making two devices answer as one, with the other's host key and enable secret).
        private readonly HashSet<int> assignedPorts = new HashSet<int>();

        private readonly SshProfile profile;

        public SshdFleet(string stateDirectory, int sessionPort, string sessionToken, SshProfile profile = SshProfile.Release)
        {
            directory = Path.Combine(stateDirectory, "sshd");
            Directory.CreateDirectory(directory);
            forceCommand = ShimScript(sessionPort, sessionToken);
            this.profile = profile;
        }

        public IEnumerable<int> ProcessIds
        {
            get
            {
                lock (sync)
                {
                    var ids = groups.Where(g => g.Process != null).Select(g => g.Process.Id).ToList();
                    if (Bastion?.Process != null) ids.Add(Bastion.Process.Id);
                    return ids;
                }
            }
        }

        /// <summary>The bastion sshd in front of the devices (Start-SsmLab -JumpHost), or null.</summary>
        public BastionSshd Bastion { get; private set; }

        /// <summary>Starts a bastion sshd: password login as the lab user, direct-tcpip to 127.0.0.1 only, no shell.</summary>
        public async Task StartBastionAsync(CancellationToken cancel)
        {
            var link = Path.Combine(directory, PamService);
            if (!File.Exists(link)) File.CreateSymbolicLink(link, SshdPath);
            var b = new BastionSshd(directory);
            await RunKeygenAsync(b.KeyPath, "ed25519");
            b.HostKeyFingerprint = Fingerprint(File.ReadAllText(b.KeyPath + ".pub"));
            for (int attempt = 1; ; attempt++)
            {
                var reserved = ReservePorts(1);
                b.Port = ((IPEndPoint)reserved[0].LocalEndpoint).Port;
                File.WriteAllText(b.ConfigPath, b.Config());
                reserved[0].Stop();
                b.Process = StartSshd(b.ConfigPath, b.LogPath);
                if (await ListeningAsync(b.Process, new[] { b.Port }, cancel)) break;
                Kill(b.Process);
                if (attempt == 3) throw new InvalidOperationException($"The bastion sshd did not listen; see {b.LogPath}: {SafeRead(b.LogPath)}");
            }
            lock (sync) Bastion = b;
        }

        /// <summary>
        /// The ForceCommand: bash (the login shell, no extra process) opens a TCP connection to the lab, says which
        /// device was reached (SSH_CONNECTION's server address and port), sets the pty raw so the device echoes and
        /// edits lines itself, and pumps bytes both ways with two cat processes until either side closes. (A background
        /// job's stdin would be /dev/null without job control, hence the terminal is passed on as fd 4.)
        /// </summary>
        private static string ShimScript(int port, string token) =>
            $"exec 3<>/dev/tcp/127.0.0.1/{port} || exit 1; " +
            $"c=\"$SSH_ORIGINAL_COMMAND\"; printf 'SSMLAB1 {token} %s|%s|%s\\n' \"$SSH_CONNECTION\" \"${{SSH_TTY:+pty}}\" \"${{c//$'\\n'/ }}\" >&3; " +
            "if [ -n \"$c\" ]; then exec cat <&3; fi; " +
            "[ -t 0 ] && stty raw -echo; " +
            "exec 4<&0; cat <&3 & o=$!; cat <&4 >&3 & i=$!; wait -n; kill $o $i 2>/dev/null";

        public static void EnsurePrerequisites()
        {
            if (!File.Exists(SshdPath))
                throw new InvalidOperationException("The lab needs OpenSSH's sshd at /usr/sbin/sshd. Install it with: sudo apt-get install -y openssh-server");
            Directory.CreateDirectory("/run/sshd");   // privilege separation directory sshd insists on
            // Our own PAM service (sshd names it after argv[0]): password auth, but no motd or mail notices in the session.
            var pam = "/etc/pam.d/" + PamService;
            var text = "# SsmOnPrem lab sshd (created by SsmOnPrem.Lab): unix password auth, no motd.\n@include common-auth\naccount required pam_unix.so\nsession required pam_unix.so\n";
            if (!File.Exists(pam) || File.ReadAllText(pam) != text)
            {
                var tmp = pam + "." + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllText(tmp, text);
                File.Move(tmp, pam, overwrite: true);
            }
        }

        public async Task StartAsync(IReadOnlyList<DeviceRuntime> devices, CancellationToken cancel)
        {
            var link = Path.Combine(directory, PamService);
            if (!File.Exists(link)) File.CreateSymbolicLink(link, SshdPath);
            // One sshd per algorithm set (a device's release, or the profile's set for all), 16 devices at most each.
            var chunks = devices.GroupBy(d => SshAlgorithmSet.For(d.Profile.Kind, profile))
                .SelectMany(set => set.Select((d, i) => (d, i)).GroupBy(x => x.i / PortsPerSshd).Select(g => (set.Key, g.Select(x => x.d).ToList())))
                .ToList();
            var tasks = new List<Task>();
            using var throttle = new SemaphoreSlim(16);   // process starts (ssh-keygen, sshd) wait on I/O more than CPU
            foreach (var (set, chunk) in chunks)
            {
                var group = NewGroup(chunk, set);
                tasks.Add(Task.Run(async () => { await throttle.WaitAsync(cancel); try { await StartGroupAsync(group, cancel); } finally { throttle.Release(); } }, cancel));
            }
            await Task.WhenAll(tasks);
        }

        private SshdGroup NewGroup(List<DeviceRuntime> devices, SshAlgorithmSet set)
        {
            lock (sync)
            {
                var g = new SshdGroup(Interlocked.Increment(ref nextGroupId), devices, directory, set);
                groups.Add(g);
                return g;
            }
        }

        private async Task StartGroupAsync(SshdGroup g, CancellationToken cancel)
        {
            if (!File.Exists(g.KeyPath)) await GenerateKeyAsync(g);
            for (int attempt = 1; ; attempt++)
            {
                var reserved = ReservePorts(g.Devices.Count);
                for (int i = 0; i < g.Devices.Count; i++) g.Devices[i].Profile.Port = ((IPEndPoint)reserved[i].LocalEndpoint).Port;
                WriteConfig(g);
                foreach (var s in reserved) s.Stop();
                g.Process = StartSshd(g.ConfigPath, g.LogPath);
                if (await AllListeningAsync(g, cancel)) return;
                Kill(g.Process);
                if (attempt == 3) throw new InvalidOperationException($"sshd did not listen on its ports; see {g.LogPath}: {SafeRead(g.LogPath)}");
            }
        }

        private List<TcpListener> ReservePorts(int count)
        {
            var list = new List<TcpListener>();
            var taken = new List<TcpListener>();   // ports another group already has: held open until we are done, so not offered again
            try
            {
                while (list.Count < count)
                {
                    var l = new TcpListener(IPAddress.Loopback, 0);
                    l.Start();
                    var port = ((IPEndPoint)l.LocalEndpoint).Port;
                    bool fresh;
                    lock (sync) fresh = assignedPorts.Add(port);
                    (fresh ? list : taken).Add(l);
                }
            }
            finally { foreach (var l in taken) l.Stop(); }
            return list;
        }

        private async Task GenerateKeyAsync(SshdGroup g)
        {
            await RunKeygenAsync(g.KeyPath, g.Set.KeyType);
            var fingerprint = Fingerprint(File.ReadAllText(g.KeyPath + ".pub"));
            foreach (var d in g.Devices) d.HostKeyFingerprint = fingerprint;
        }

        private static async Task RunKeygenAsync(string path, string type)
        {
            foreach (var f in new[] { path, path + ".pub" }) if (File.Exists(f)) File.Delete(f);
            var psi = new ProcessStartInfo("ssh-keygen") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            var args = new List<string> { "-q", "-t", type, "-N", "", "-C", "ssmonprem-lab", "-f", path };
            if (type == "rsa") args.InsertRange(3, new[] { "-b", "2048" });   // Cisco's usual modulus; 3072 costs seconds per group
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException("ssh-keygen failed: " + await p.StandardError.ReadToEndAsync());
        }

        /// <summary>"SHA256:base64-without-padding" of the public key blob, as 'ssh-keygen -l' prints it.</summary>
        public static string Fingerprint(string publicKeyLine)
        {
            var blob = Convert.FromBase64String(publicKeyLine.Split(' ')[1]);
            return "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
        }

        private void WriteConfig(SshdGroup g)
        {
            var text = new StringBuilder();
            text.Append("# SsmOnPrem lab sshd, group ").Append(g.Id).Append(" (generated; the lab process owns it)\n");
            foreach (var d in g.Devices) text.Append("ListenAddress 127.0.0.1:").Append(d.Profile.Port).Append('\n');
            text.Append("HostKey ").Append(g.KeyPath).Append('\n');
            text.Append("PidFile none\nLogLevel ERROR\n").Append(SshdConfigText.Login).Append(SshdConfigText.Quiet);
            text.Append(@"MaxSessions 10
KexAlgorithms " + g.Set.Kex + @"
HostKeyAlgorithms " + g.Set.HostKeyAlgorithms + @"
Ciphers " + g.Set.Ciphers + @"
MACs " + g.Set.Macs + @"
AllowTcpForwarding no
PermitTTY yes
Subsystem sftp internal-sftp
ForceCommand " + forceCommand + "\n");
            // Fault knob 'refuse authentication': the device's port accepts no user at all.
            foreach (var d in g.Devices.Where(d => d.Faults.RefuseAuthentication))
                text.Append("Match LocalPort ").Append(d.Profile.Port).Append("\n    DenyUsers *\n");
            var tmp = g.ConfigPath + ".tmp";
            File.WriteAllText(tmp, text.ToString());
            File.Move(tmp, g.ConfigPath, overwrite: true);
        }

        private Process StartSshd(string configPath, string logPath)
        {
            var psi = new ProcessStartInfo(Path.Combine(directory, PamService)) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-D", "-f", configPath, "-E", logPath }) psi.ArgumentList.Add(a);
            return Process.Start(psi);
        }

        /// <summary>
        /// Waits until the group's sshd listens on all its ports. Listening sockets are read from /proc/net/tcp (an SSH
        /// connection per port would make sshd fork a session each: 1,000 of those cost ~40 s of CPU); one banner
        /// check per group proves sshd really answers.
        /// </summary>
        private static Task<bool> AllListeningAsync(SshdGroup g, CancellationToken cancel) =>
            ListeningAsync(g.Process, g.Devices.Select(d => d.Profile.Port).ToList(), cancel);

        private static async Task<bool> ListeningAsync(Process process, IReadOnlyList<int> ports, CancellationToken cancel)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                if (process.HasExited) return false;
                var listening = ListeningLoopbackPorts();
                if (ports.All(listening.Contains) && await BannerAsync(ports[0])) return true;
                if (DateTime.UtcNow > deadline) return false;
                await Task.Delay(50, cancel);
            }
        }

        private static HashSet<int> ListeningLoopbackPorts()
        {
            var ports = new HashSet<int>();
            foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 3 && f[3] == "0A" && f[1].StartsWith("0100007F:", StringComparison.Ordinal))
                    ports.Add(Convert.ToInt32(f[1].Substring(9), 16));
            }
            return ports;
        }

        private static async Task<bool> BannerAsync(int port)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                var stream = client.GetStream();
                stream.ReadTimeout = 2000;
                var buffer = new byte[8];
                var read = await stream.ReadAsync(buffer.AsMemory(0, 8)).AsTask().WaitAsync(TimeSpan.FromSeconds(3));
                return read >= 4 && Encoding.ASCII.GetString(buffer, 0, read).StartsWith("SSH-");
            }
            catch (Exception) { return false; }
        }

        /// <summary>Re-reads the configuration of the device's sshd (SIGHUP), e.g. after 'refuse authentication' changed.</summary>
        public async Task ReloadAsync(DeviceRuntime device)
        {
            var g = GroupOf(device);
            lock (g) WriteConfig(g);
            kill(g.Process.Id, 1);
            await Task.Delay(100);
            await AllListeningAsync(g, CancellationToken.None);
        }

        /// <summary>Gives the device a new host key: it moves to an sshd of its own (on the same port) with a fresh key.</summary>
        public async Task ChangeHostKeyAsync(DeviceRuntime device)
        {
            var g = GroupOf(device);
            if (g.Devices.Count > 1)
            {
                lock (g) { g.Devices.Remove(device); WriteConfig(g); }
                kill(g.Process.Id, 1);   // SIGHUP: the group's sshd re-execs without the device's port
                var own = NewGroup(new List<DeviceRuntime> { device }, g.Set);
                await GenerateKeyAsync(own);
                WriteConfig(own);
                for (int i = 0; i < 100; i++)
                {
                    own.Process = StartSshd(own.ConfigPath, own.LogPath);
                    if (await AllListeningAsync(own, CancellationToken.None)) break;
                    Kill(own.Process);
                    await Task.Delay(100);   // the old sshd has not released the port yet
                }
                await AllListeningAsync(g, CancellationToken.None);
            }
            else
            {
                await GenerateKeyAsync(g);
                kill(g.Process.Id, 1);
                await Task.Delay(100);
                await AllListeningAsync(g, CancellationToken.None);
            }
        }

        private SshdGroup GroupOf(DeviceRuntime device)
        {
            lock (sync) return groups.First(g => g.Devices.Contains(device));
        }

        public void Dispose()
        {
            lock (sync)
            {
                foreach (var g in groups) Kill(g.Process);
                Kill(Bastion?.Process);
            }
        }

        private static void Kill(Process p)
        {
            try { if (p != null && !p.HasExited) { p.Kill(); p.WaitForExit(2000); } } catch { }
        }

        private static string SafeRead(string path) { try { return File.ReadAllText(path); } catch { return ""; } }

        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int sig);

        private sealed class SshdGroup
        {
            public SshdGroup(int id, List<DeviceRuntime> devices, string directory, SshAlgorithmSet set)
            {
                Id = id; Devices = devices; Set = set;
                KeyPath = Path.Combine(directory, $"host-key-{id}");
                ConfigPath = Path.Combine(directory, $"sshd-{id}.conf");
                LogPath = Path.Combine(directory, $"sshd-{id}.log");
            }
            public int Id { get; }
            public List<DeviceRuntime> Devices { get; }
            public string KeyPath { get; }
            public string ConfigPath { get; }
            public string LogPath { get; }
            public Process Process { get; set; }
            public SshAlgorithmSet Set { get; }
        }
    }
}
