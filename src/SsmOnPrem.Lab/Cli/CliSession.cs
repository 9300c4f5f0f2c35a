using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Cli
{
    public sealed class CommandContext
    {
        public CliSession Session { get; set; }
        public DeviceRuntime Device => Session.Device;
        public IReadOnlyList<string> Args { get; set; }
        public IReadOnlyList<string> Words { get; set; }
        public string Line { get; set; }
        public string Arg(int i) => i < Args.Count ? Args[i] : null;
    }

    /// <summary>
    /// One SSH session on an emulated device, handed over by the sshd ForceCommand shim. The terminal is raw, so the
    /// device echoes, edits the line, pages output with --More-- and prints prompts itself, as a real device does.
    /// </summary>
    public sealed partial class CliSession
    {
        private readonly Stream stream;
        private readonly byte[] buffer = new byte[4096];
        private int bufferStart, bufferEnd;
        private bool skipLineFeed;
        private readonly SemaphoreSlim writeLock = new SemaphoreSlim(1, 1);
        private readonly object pendingSync = new object();
        private readonly List<string> pendingSyslog = new List<string>();
        private volatile bool idleAtPrompt;
        private readonly CancellationToken stopping;

        public CliSession(DeviceRuntime device, Stream stream, bool pty, CancellationToken stopping)
        {
            Device = device; this.stream = stream; Pty = pty; this.stopping = stopping;
            Platform = PlatformCli.For(device.Profile.Kind);
            TerminalLength = pty ? 24 : 0;
        }

        public DeviceRuntime Device { get; }
        public LabContext Lab => Device.Lab;
        public PlatformCli Platform { get; }
        public bool Pty { get; }
        public int TerminalLength { get; set; }
        public int TerminalWidth { get; set; } = 80;
        public bool Monitor { get; set; }
        public CliMode Mode { get; set; }
        /// <summary>The configuration nodes the current sub-mode edits (call-home, profile...), outermost first.</summary>
        public List<ConfigNode> ConfigPath { get; } = new List<ConfigNode>();
        public ConfigNode Candidate { get; set; }   // IOS-XR: uncommitted configuration
        public bool Closed { get; private set; }

        public string Prompt => Platform.Prompt(this);

        public async Task RunAsync(string originalCommand)
        {
            using var monitor = Device.Monitor(OnSyslog);
            try
            {
                if (!string.IsNullOrWhiteSpace(originalCommand))
                {
                    // 'ssh device "show version"': run at privileged level, print, close (as IOS does for privilege-15 users).
                    Mode = Platform.PrivilegedMode;
                    await ExecuteAsync(originalCommand.Trim());
                    return;
                }
                Mode = Platform.LoginMode;
                await WriteAsync(Platform.LoginBanner(this));
                while (!Closed && !stopping.IsCancellationRequested)
                {
                    await FlushSyslogAsync();
                    await WriteAsync(Prompt);
                    idleAtPrompt = true;
                    var line = await ReadLineAsync(echo: Pty);
                    idleAtPrompt = false;
                    if (line == null) break;
                    await ExecuteAsync(line);
                }
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            catch (OperationCanceledException) { }
        }

        // ---- execution ---------------------------------------------------------------------------------------

        public async Task ExecuteAsync(string rawLine)
        {
            var line = rawLine.TrimEnd();
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("!")) return;
            var faults = Device.Faults;
            if (!string.IsNullOrEmpty(faults.HangCommand) && (faults.HangCommand == "*" || line.Trim().StartsWith(faults.HangCommand, StringComparison.OrdinalIgnoreCase)))
            {
                await DrainUntilClosedAsync();   // the command never answers; only closing the session ends it
                return;
            }
            if (faults.LatencyMs > 0) await Task.Delay(faults.LatencyMs, stopping);
            if (faults.OutputFlood > 0) await FloodAsync(faults.OutputFlood, faults.OutputFloodNoNewline);

            string filter = null;
            int pipe = line.IndexOf(" |", StringComparison.Ordinal);
            string command = line;
            if (pipe >= 0) { filter = line.Substring(pipe + 2).Trim(); command = line.Substring(0, pipe); }

            var output = await Platform.ExecuteAsync(this, command, line);
            if (output == null) return;
            if (filter != null && output.Length > 0)
            {
                var filtered = OutputFilter.Apply(output, filter, out var filterError);
                if (filterError != null) { await WriteAsync(ErrorText(MatchKind.Invalid, pipe + 2 + filterError.Value, line)); return; }
                output = filtered;
            }
            await WriteOutputAsync(output);
        }

        /// <summary>
        /// The OutputFlood knob: a broken or hostile device that prints <paramref name="bytes"/> of junk before the
        /// command's own output, in lines of 80 or as one endless line. Written in 16 KB pieces as fast as SSH takes them.
        /// </summary>
        private async Task FloodAsync(long bytes, bool noNewline)
        {
            var line = noNewline ? new string('x', 80) : "flood " + new string('=', 72) + "\r\n";
            var piece = new StringBuilder();
            while (piece.Length < 16384) piece.Append(line);
            var block = piece.ToString();
            for (long sent = 0; sent < bytes && !Closed; sent += block.Length)
                await WriteRawAsync(bytes - sent >= block.Length ? block : block.Substring(0, (int)(bytes - sent)));
            if (noNewline) await WriteRawAsync("\r\n");
        }

        /// <summary>The error block for a command nothing accepted, caret under the offending column.</summary>
        public string ErrorText(MatchKind kind, int column, string line) => Platform.ErrorText(kind, Prompt.Length + column, line);

        // ---- output with paging -------------------------------------------------------------------------------

        public async Task WriteOutputAsync(string text)
        {
            if (string.IsNullOrEmpty(text)) return;
            var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
            if (lines.Count > 0 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);
            int pageSize = TerminalLength > 1 && Pty ? TerminalLength - 1 : int.MaxValue;
            bool drop = Device.Faults.DropMidOutput;
            int shown = 0, budget = pageSize;
            for (int i = 0; i < lines.Count; i++)
            {
                if (drop && i >= Math.Max(1, lines.Count / 2)) { await WriteAsync(lines[i].Substring(0, lines[i].Length / 2)); Abort(); return; }
                if (shown == budget)
                {
                    await WriteRawAsync(Platform.MorePrompt);
                    int key = await ReadByteAsync();
                    await WriteRawAsync(new string('\b', Platform.MorePrompt.Length) + new string(' ', Platform.MorePrompt.Length) + new string('\b', Platform.MorePrompt.Length));
                    if (key < 0) return;
                    if (key == ' ') budget = shown + pageSize;
                    else if (key == '\r' || key == '\n') { budget = shown + 1; if (key == '\r') skipLineFeed = true; }
                    else return;   // q or any other key stops the output
                }
                await WriteAsync(lines[i] + "\n");
                shown++;
            }
        }

        public Task WriteAsync(string text) => WriteRawAsync(text.Replace("\r\n", "\n").Replace("\n", "\r\n"));

        private async Task WriteRawAsync(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            await writeLock.WaitAsync(stopping);
            try { await stream.WriteAsync(bytes, 0, bytes.Length, stopping); await stream.FlushAsync(stopping); }
            finally { writeLock.Release(); }
        }

        public void Abort() { Closed = true; try { stream.Dispose(); } catch { } }
        public void Close() { Closed = true; }

        // ---- syslog -----------------------------------------------------------------------------------------

        private void OnSyslog(string line)
        {
            if (!Monitor || !Pty) return;
            lock (pendingSync) pendingSyslog.Add(line);
            if (idleAtPrompt) _ = FlushSyslogAsync();
        }

        private async Task FlushSyslogAsync()
        {
            string[] lines;
            lock (pendingSync) { lines = pendingSyslog.ToArray(); pendingSyslog.Clear(); }
            foreach (var l in lines) { try { await WriteAsync("\n" + l + "\n"); } catch { } }
        }

        // ---- input ---------------------------------------------------------------------------------------------

        public async Task<int> ReadByteAsync()
        {
            if (bufferStart == bufferEnd)
            {
                int n = await stream.ReadAsync(buffer, 0, buffer.Length, stopping);
                if (n <= 0) return -1;
                bufferStart = 0; bufferEnd = n;
            }
            return buffer[bufferStart++];
        }

        /// <summary>Reads a line as a device's line editor does: echo, backspace, Ctrl+C/Ctrl+Z, CR, LF or CRLF ends it.</summary>
        public async Task<string> ReadLineAsync(bool echo)
        {
            var line = new StringBuilder();
            while (true)
            {
                int b = await ReadByteAsync();
                if (b < 0) return null;
                if (b == '\n' && skipLineFeed) { skipLineFeed = false; continue; }
                skipLineFeed = false;
                switch (b)
                {
                    case '\r':
                    case '\n':
                        skipLineFeed = b == '\r';
                        if (echo || Pty) await WriteRawAsync("\r\n");
                        return line.ToString();
                    case 0x7f:
                    case 0x08:
                        if (line.Length > 0) { line.Length--; if (echo) await WriteRawAsync("\b \b"); }
                        break;
                    case 0x03:   // Ctrl+C: abandon the line
                        if (echo) await WriteRawAsync("^C\r\n");
                        return "";
                    case 0x1a:   // Ctrl+Z: end configuration
                        if (echo) await WriteRawAsync("^Z\r\n");
                        return Platform.IsConfigMode(Mode) ? "end" : "";
                    case 0x1b:   // escape sequences (arrow keys): swallow
                        int next = await ReadByteAsync();
                        if (next == '[') await ReadByteAsync();
                        break;
                    default:
                        if (b >= 0x20 && b < 0x7f)
                        {
                            line.Append((char)b);
                            if (echo) await WriteRawAsync(((char)b).ToString());
                        }
                        break;
                }
            }
        }

        private async Task DrainUntilClosedAsync()
        {
            while (await ReadByteAsync() >= 0) { }
            Closed = true;
        }
    }
}
