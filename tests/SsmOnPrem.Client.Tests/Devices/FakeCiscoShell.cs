using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Cli;

namespace SsmOnPrem.Client.Tests.Devices
{
    /// <summary>
    /// An in-memory Cisco-like CLI behind <see cref="IShellChannel"/>, for unit tests of the CLI driver logic
    /// (the real thing is tested against the lab's devices over SSH). It echoes like a pty, pages output,
    /// asks for the enable secret, refuses unknown commands, and can be told to hang or inject syslog.
    /// </summary>
    internal sealed class FakeCiscoShell : IShellChannel
    {
        private readonly object _gate = new object();
        private readonly StringBuilder _toClient = new StringBuilder();
        private readonly StringBuilder _line = new StringBuilder();
        private bool _awaitingSecret;
        private int _badSecrets;
        private bool _morePending;
        private Queue<string> _pagedRest;
        private Action<string> _pendingQuestion;

        public string Hostname = "edge1";
        public string EnableSecret = "s3cret!";
        public bool Privileged;
        public string Mode; // null = exec, "config", "config-if"...
        public bool Asa;
        public bool IosXr;
        public int TerminalLength = 24;
        public string ShowVersion = "Cisco IOS XE Software, Version 17.03.04a\ncisco C9300-24P (X86) processor\nProcessor board ID FOC1234X0AB\n";
        public string Banner = "\r\n*** Authorised access only ###\r\n#\r\n";
        public readonly Dictionary<string, string> Outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        /// <summary>Exec-mode commands answered by code (a device model): output, or null for "not mine".</summary>
        public Func<string, string> Handler;
        /// <summary>Configuration lines starting with this are refused with '% Invalid input'.</summary>
        public string RefuseInConfig;
        /// <summary>Exec-mode commands that ask a question first: the question, then the output for the answer typed.</summary>
        public readonly Dictionary<string, (string Question, Func<string, string> Then)> Questions = new Dictionary<string, (string, Func<string, string>)>(StringComparer.Ordinal);
        public readonly List<string> Received = new List<string>();
        public readonly List<string> Committed = new List<string>();
        public readonly List<string> Candidate = new List<string>();
        public string SyslogAfterNextCommand;
        public string SyslogGluedToPrompt;
        public string SyslogDuringEcho;          // printed once while a command is being typed (no 'logging synchronous')
        public int SyslogDuringEchoAfter = 8;    // ...after this many characters of it
        public string SecondSyslogDuringEcho;    // a second message during the same command (two events in a row)
        public int SecondSyslogDuringEchoAfter = 9;
        public bool HangOn;             // 'hang' never returns
        public bool IgnoreInterrupt;    // and Ctrl+C does not help
        public bool Hung;
        public bool Closed;
        public int ChunkSize = 7;       // deliver output in small pieces to exercise chunk boundaries

        private bool _greeted;

        public bool IsOpen => !Closed;

        public string PromptText()
        {
            var basePrompt = IosXr ? "RP/0/RSP0/CPU0:" + Hostname : Hostname;
            return basePrompt + (Mode != null ? "(" + Mode + ")" : "") + (Privileged ? "#" : ">");
        }

        public void Write(string text)
        {
            lock (_gate)
            {
                foreach (var c in text) Key(c);
                Monitor.PulseAll(_gate);
            }
        }

        public string Read(TimeSpan wait, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + wait;
            lock (_gate)
            {
                if (!_greeted) { _greeted = true; _toClient.Append(Banner + PromptText()); } // after the initializer set the platform
                while (_toClient.Length == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Closed) throw new DeviceException(DeviceErrorIds.ConnectionLost, Common.SsmErrorKind.ConnectionError, "closed");
                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero) return string.Empty;
                    Monitor.Wait(_gate, remaining < TimeSpan.FromMilliseconds(50) ? remaining : TimeSpan.FromMilliseconds(50));
                }
                var n = Math.Min(ChunkSize, _toClient.Length);
                var chunk = _toClient.ToString(0, n);
                _toClient.Remove(0, n);
                return chunk;
            }
        }

        public void Dispose() { Closed = true; }

        /// <summary>A new login to the same device: configuration and outputs stay, the session state starts again.</summary>
        public void Reconnect(bool privileged)
        {
            lock (_gate)
            {
                Closed = false; _greeted = false; Privileged = privileged; Mode = null; TerminalLength = 24;
                _toClient.Clear(); _line.Clear(); _awaitingSecret = false; _pendingQuestion = null; _morePending = false; _pagedRest = null;
            }
        }

        private void Out(string s) => _toClient.Append(s);

        private void Key(char c)
        {
            if (Hung)
            {
                if ((c == '\x03' || c == '\x1E') && !IgnoreInterrupt) { Hung = false; Out("^C\r\n"); _line.Clear(); }
                return;
            }
            if (_morePending)
            {
                _morePending = false;
                Out("\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\b");
                if (c == 'q') { _pagedRest = null; Out(PromptText()); return; }
                Page();
                return;
            }
            if (c == '\x03' || c == '\x1E') { _line.Clear(); Out("\r\n" + PromptText()); return; }
            if (c != '\r')
            {
                _line.Append(c);
                if (!_awaitingSecret) Out(c.ToString()); // pty echo; secrets are not echoed
                if (SyslogDuringEcho != null && !_awaitingSecret && _line.Length == SyslogDuringEchoAfter)
                {
                    Out("\r\n" + SyslogDuringEcho + "\r\n");
                    SyslogDuringEcho = null;
                }
                if (SecondSyslogDuringEcho != null && !_awaitingSecret && _line.Length == SecondSyslogDuringEchoAfter)
                {
                    Out("\r\n" + SecondSyslogDuringEcho + "\r\n");
                    SecondSyslogDuringEcho = null;
                }
                return;
            }
            var line = _line.ToString();
            _line.Clear();
            Out("\r\n");
            if (_pendingQuestion != null)
            {
                var q = _pendingQuestion;
                _pendingQuestion = null;
                q(line);
                return;
            }
            if (_awaitingSecret) { Secret(line); return; }
            Received.Add(line);
            Execute(line.Trim());
        }

        private void Secret(string line)
        {
            if (line == EnableSecret) { _awaitingSecret = false; Privileged = true; Out(PromptText()); return; }
            if (++_badSecrets >= 3) { _awaitingSecret = false; _badSecrets = 0; Out("% Bad secrets\r\n\r\n" + PromptText()); return; }
            Out("Password: ");
        }

        private void Execute(string cmd)
        {
            if (cmd.Length == 0) { Out(PromptText()); return; }
            if (Mode == null && Questions.TryGetValue(cmd, out var asks))
            {
                Out(asks.Question);
                _pendingQuestion = a => Done(asks.Then(a));
                return;
            }
            if (Mode == null && Handler?.Invoke(cmd) is string handled) { Done(handled); return; }
            if (cmd == "enable" && Mode == null) { if (Privileged) { Out(PromptText()); return; } _awaitingSecret = true; Out("Password: "); return; }
            if (cmd == "terminal length 0" && !Asa) { TerminalLength = 0; Done(""); return; }
            if (cmd == "terminal pager 0" && Asa) { TerminalLength = 0; Done(""); return; }
            if (cmd.StartsWith("terminal length ", StringComparison.Ordinal) && !Asa) { TerminalLength = int.Parse(cmd.Substring(16)); Done(""); return; }
            if (cmd == "terminal width 511") { Done(""); return; }
            if (cmd == "show version") { Done(ShowVersion); return; }
            if (cmd == "hang" && HangOn) { Hung = true; return; }
            if (cmd == "show long") { Paged(LongOutput()); return; }
            if (cmd == "configure terminal" || (IosXr && cmd == "configure"))
            {
                if (!Privileged) { Invalid(cmd, 0); return; }
                Mode = "config";
                Done(IosXr ? "" : "Enter configuration commands, one per line.  End with CNTL/Z.\r\n");
                return;
            }
            if (cmd == "end")
            {
                if (IosXr && Candidate.Count > 0)
                {
                    Out("Uncommitted changes found, commit them before exiting(yes/no/cancel)? [cancel]:");
                    _pendingQuestion = a => { if (a == "yes") Commit(); Candidate.Clear(); Mode = null; Out(PromptText()); };
                    return;
                }
                Mode = null; Done(""); return;
            }
            if (cmd == "abort" && IosXr) { Candidate.Clear(); Mode = null; Done(""); return; }
            if (cmd == "commit" && IosXr && Mode != null) { Commit(); Done(""); return; }
            if (cmd == "reload")
            {
                Out("Proceed with reload? [confirm]");
                _pendingQuestion = a => { if (a == "" || a == "y") Out("Reloading (not really)\r\n"); Out(PromptText()); };
                return;
            }
            if (cmd == "clear counters")
            {
                Out("Clear \"show interface\" counters on all interfaces [yes/no]: ");
                _pendingQuestion = a => { if (a == "yes") Out("Cleared.\r\n"); Out(PromptText()); };
                return;
            }
            if (cmd == "show incomplete") { Done("% Incomplete command.\r\n"); return; }
            if (cmd == "sh a") { Done("% Ambiguous command:  \"sh a\"\r\n"); return; }
            if (cmd == "show asa-error") { Done("ERROR: % Invalid input detected at '^' marker.\r\n"); return; }
            if (cmd.StartsWith("hostname ", StringComparison.Ordinal) && Mode != null) { Hostname = cmd.Substring(9); Done(""); return; }
            if (Outputs.TryGetValue(cmd, out var output)) { Done(output); return; }
            if (Mode != null && RefuseInConfig != null && cmd.StartsWith(RefuseInConfig, StringComparison.Ordinal)) { Invalid(cmd, 0); return; }
            if (Mode != null && !cmd.StartsWith("show", StringComparison.Ordinal) && !cmd.StartsWith("bogus", StringComparison.Ordinal))
            {
                if (IosXr) Candidate.Add(cmd); else Committed.Add(cmd);
                Done("");
                return;
            }
            Invalid(cmd, cmd.IndexOf(' ') > 0 ? cmd.IndexOf(' ') + 1 : 0);
        }

        private void Commit()
        {
            Committed.AddRange(Candidate);
            Candidate.Clear();
        }

        private void Invalid(string cmd, int column)
        {
            Done(new string(' ', PromptText().Length + column) + "^\r\n% Invalid input detected at '^' marker.\r\n\r\n");
        }

        private void Done(string output)
        {
            Out(output.Replace("\r\n", "\n").Replace("\n", "\r\n"));
            if (SyslogAfterNextCommand != null) { Out("\r\n" + SyslogAfterNextCommand + "\r\n"); SyslogAfterNextCommand = null; }
            Out(PromptText());
            if (SyslogGluedToPrompt != null) { Out(SyslogGluedToPrompt + "\r\n"); SyslogGluedToPrompt = null; }
        }

        private static string LongOutput()
        {
            var sb = new StringBuilder();
            for (var i = 1; i <= 60; i++) sb.Append("line ").Append(i).Append("\r\n");
            return sb.ToString();
        }

        private void Paged(string output)
        {
            var lines = output.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
            if (TerminalLength == 0) { Done(output); return; }
            _pagedRest = new Queue<string>(lines);
            Page();
        }

        private void Page()
        {
            for (var i = 0; i < TerminalLength - 1 && _pagedRest.Count > 0; i++) Out(_pagedRest.Dequeue() + "\r\n");
            if (_pagedRest.Count > 0) { Out(" --More-- "); _morePending = true; return; }
            _pagedRest = null;
            Done("");
        }
    }
}
