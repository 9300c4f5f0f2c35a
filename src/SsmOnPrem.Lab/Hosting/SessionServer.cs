using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Cli;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Hosting
{
    /// <summary>
    /// The loopback TCP endpoint sshd's ForceCommand shim connects to. The first line names the device reached
    /// ("SSMLAB1 token client-ip client-port server-ip server-port|pty|original command"); the rest is the terminal.
    /// All sessions of all devices run here as async tasks: no process or thread per session.
    /// </summary>
    public sealed class SessionServer : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Func<string, int, DeviceRuntime> findDevice;
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private int open;

        public SessionServer(Func<string, int, DeviceRuntime> findDevice)
        {
            this.findDevice = findDevice;
            Token = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant();
        }

        /// <summary>Admin requests ("SSMADMIN token {json}" on one line) for the fault knobs and reset.</summary>
        public Func<string, Task<string>> Admin { get; set; }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
        public string Token { get; }
        public int OpenSessions => Volatile.Read(ref open);
        public ConcurrentDictionary<CliSession, byte> Sessions { get; } = new ConcurrentDictionary<CliSession, byte>();

        public void Start()
        {
            listener.Start(512);
            _ = AcceptLoopAsync();
        }

        private async Task AcceptLoopAsync()
        {
            while (!stopping.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(stopping.Token); }
                catch (Exception) { if (stopping.IsCancellationRequested) return; continue; }
                _ = Task.Run(() => HandleAsync(client));
            }
        }

        private async Task HandleAsync(TcpClient client)
        {
            Interlocked.Increment(ref open);
            CliSession session = null;
            try
            {
                client.NoDelay = true;
                using (client)
                {
                    var stream = client.GetStream();
                    var header = await ReadHeaderAsync(stream).WaitAsync(TimeSpan.FromSeconds(10), stopping.Token);
                    if (header != null && header.StartsWith("SSMADMIN " + Token + " ", StringComparison.Ordinal) && Admin != null)
                    {
                        string reply;
                        try { reply = await Admin(header.Substring(("SSMADMIN " + Token + " ").Length)); }
                        catch (Exception e) { reply = System.Text.Json.JsonSerializer.Serialize(new { ok = false, error = e.Message }); }
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\n"));
                        return;
                    }
                    if (header == null || !header.StartsWith("SSMLAB1 " + Token + " ", StringComparison.Ordinal)) return;
                    var parts = header.Substring(("SSMLAB1 " + Token + " ").Length).Split('|', 3);
                    var connection = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (connection.Length < 4 || !int.TryParse(connection[3], out var serverPort)) return;
                    var device = findDevice(connection[2], serverPort);
                    if (device == null)
                    {
                        var msg = Encoding.ASCII.GetBytes($"% No lab device at {connection[2]}:{serverPort}\r\n");
                        await stream.WriteAsync(msg);
                        return;
                    }
                    bool pty = parts.Length > 1 && parts[1] == "pty";
                    var command = parts.Length > 2 ? parts[2] : "";
                    session = new CliSession(device, stream, pty, stopping.Token);
                    Sessions.TryAdd(session, 0);
                    await session.RunAsync(command);
                }
            }
            catch (Exception) { }
            finally
            {
                if (session != null) Sessions.TryRemove(session, out _);
                Interlocked.Decrement(ref open);
            }
        }

        // Byte by byte so that nothing after the header line is consumed from the stream.
        private static async Task<string> ReadHeaderAsync(Stream stream)
        {
            var line = new System.Collections.Generic.List<byte>();
            var one = new byte[1];
            while (line.Count < 1 << 20)
            {
                if (await stream.ReadAsync(one.AsMemory(0, 1)) <= 0) return null;
                if (one[0] == '\n') return Encoding.UTF8.GetString(line.ToArray());
                line.Add(one[0]);
            }
            return null;
        }

        public void Dispose()
        {
            stopping.Cancel();
            listener.Stop();
        }
    }
}
