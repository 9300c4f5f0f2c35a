using System;
using System.Text;
using System.Text.RegularExpressions;
using Renci.SshNet;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Tests
{
    /// <summary>An interactive SSH.NET session on a lab device: a pty shell, prompt detection, commands with their output.</summary>
    public sealed class DeviceShell : IDisposable
    {
        // host>, host#, host(config...)#, RP/0/RP0/CPU0:host#, NX-OS with a trailing space
        public static readonly Regex PromptPattern = new Regex(@"(?m)^[\w/:.\-]+(\([\w\-]+\))?[>#] ?$");
        // With 'terminal monitor' on, a syslog message can arrive right after the prompt, and the device does not print
        // the prompt again (IOS without 'logging synchronous'): such trailing messages do not hide the prompt.
        private static readonly Regex TrailingSyslog = new Regex(@"(\n(\*[A-Za-z]{3} +\d+ [\d:.]+: )?%[A-Z0-9_]+-\d-[A-Z0-9_]+:[^\n]*)+\n*$");
        private readonly SshClient client;
        private readonly ShellStream shell;

        public DeviceShell(DeviceRuntime device, Action<string> onHostKey = null)
        {
            Device = device;
            client = new SshClient(ConnectionInfoFor(device.Profile.Port, device.Profile.Username, device.Profile.Password));
            if (onHostKey != null) client.HostKeyReceived += (s, e) => onHostKey("SHA256:" + e.FingerPrintSHA256);
            client.Connect();
            shell = client.CreateShellStream("vt100", 200, 24, 0, 0, 65536);
            LoginText = ReadUntilPrompt();
        }

        public static ConnectionInfo ConnectionInfoFor(int port, string user, string password)
        {
            var keyboard = new KeyboardInteractiveAuthenticationMethod(user);
            keyboard.AuthenticationPrompt += (s, e) => { foreach (var p in e.Prompts) p.Response = password; };
            return new ConnectionInfo("127.0.0.1", port, user, keyboard, new PasswordAuthenticationMethod(user, password)) { Timeout = TimeSpan.FromSeconds(15) };
        }

        public DeviceRuntime Device { get; }
        public string LoginText { get; }
        public string Prompt { get; private set; }
        public bool IsConnected => client.IsConnected;

        public string ReadUntilPrompt(TimeSpan? timeout = null) => ReadUntil(PromptPattern, timeout);

        public string ReadUntil(Regex pattern, TimeSpan? timeout = null)
        {
            var text = new StringBuilder();
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
            while (true)
            {
                var chunk = shell.Read();
                if (chunk.Length > 0) text.Append(chunk);
                // A --More-- prompt is erased with backspaces, spaces, backspaces: drop that, as a terminal would show it.
                var current = Regex.Replace(text.ToString().Replace("\r", ""), "\b+ +\b+", "");
                var m = pattern.Match(current);
                if (m.Success && m.Index + m.Length == current.Length)
                {
                    if (pattern == PromptPattern) Prompt = m.Value;
                    return current;
                }
                if (pattern == PromptPattern)
                {
                    var withoutSyslog = TrailingSyslog.Replace(current, "");
                    var p = pattern.Match(withoutSyslog);
                    if (withoutSyslog.Length < current.Length && p.Success && p.Index + p.Length == withoutSyslog.Length)
                    {
                        Prompt = p.Value;
                        return withoutSyslog;
                    }
                }
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"No match for {pattern} in: {current}");
                if (!client.IsConnected) throw new InvalidOperationException("Disconnected; got: " + current);
                if (chunk.Length == 0) System.Threading.Thread.Sleep(10);
            }
        }

        /// <summary>Sends a line; returns what came back up to the next prompt, without the echo and the prompt.</summary>
        public string Run(string command, TimeSpan? timeout = null)
        {
            shell.Write(command + "\r");
            var text = ReadUntilPrompt(timeout);
            var start = text.IndexOf(command + "\n", StringComparison.Ordinal);
            var body = start >= 0 ? text.Substring(start + command.Length + 1) : text;
            return body.Substring(0, body.Length - Prompt.Length);
        }

        public void Send(string raw) => shell.Write(raw);

        public void Enable()
        {
            if (Prompt.EndsWith("#") || Prompt.EndsWith("# ")) return;
            shell.Write("enable\r");
            ReadUntil(new Regex("Password: $"));
            shell.Write(Device.Profile.EnableSecret + "\r");
            ReadUntilPrompt();
        }

        public void Dispose()
        {
            try { shell.Dispose(); } catch { }
            try { client.Dispose(); } catch { }
        }
    }
}
