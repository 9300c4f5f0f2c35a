using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// Drives a Cisco CLI over an interactive shell: finds the prompt, sends one line, reads to its echo and then to the
    /// next prompt (never a fixed sleep), answers "--More--" and the questions the caller allows, and separates
    /// syslog messages from output. Knows nothing about SSH or platforms.
    /// </summary>
    internal sealed class CliDriver
    {
        // Only ever tested on the current line's last characters (a pager marker is a few): on a whole long line the
        // anchored '-+' would be retried from every dash, quadratic in the line (docs/SECURITY.md, "Bounded device I/O").
        private static readonly Regex More = TextPatterns.Create(@"(?:-+ ?\(?more\)?(?: \d+%)? ?-+|<-+ ?more ?-+>)\s*$", RegexOptions.IgnoreCase);
        private const int MaxMoreLine = 80;
        private const int MaxQuestionTail = 256;

        private readonly IShellChannel _channel;
        private readonly SecretMasker _masker;
        private readonly ISessionLog _log;
        private Regex _promptRegex;
        private readonly DeviceOutputLimits _limits;
        private TerminalText _screen = new TerminalText();
        private string _runningCommand;
        private int _echoScannedTo;

        public CliDriver(IShellChannel channel, SecretMasker masker, ISessionLog log, DeviceOutputLimits limits = null)
        {
            _channel = channel;
            _masker = masker ?? new SecretMasker();
            _log = log ?? NullSessionLog.Instance;
            _limits = limits ?? DeviceOutputLimits.Default;
        }

        /// <summary>The prompt the device printed last.</summary>
        public Prompt Prompt { get; private set; }

        public bool IsOpen => _channel.IsOpen;

        /// <summary>
        /// Reads the login banner to the first prompt, then presses Enter and expects the same prompt again, so a banner
        /// line that happens to end in '#' or '>' is never taken for the prompt. Syslog seen on the way is returned.
        /// </summary>
        public List<SyslogMessage> FindPrompt(TimeSpan timeout, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            _screen = new TerminalText();
            var first = WaitFor(() => PromptOnCurrentLine(generic: true), timeout, clock, cancellationToken);
            if (first == null)
            {
                throw new DeviceException(DeviceErrorIds.PromptNotFound, SsmErrorKind.OperationTimeout,
                    $"No CLI prompt within {timeout.TotalSeconds:0.#} s of logging in. Last text received: '{Tail(DeviceText(Tail(_screen.Text, 4096)))}'",
                    "Check that the account lands in the device CLI (not a menu or a shell) and raise -TimeoutSec for slow devices.")
                { DeviceOutput = DeviceText(_screen.Text) };
            }
            var syslog = CollectSyslog(_screen.Lines, 0, _screen.Lines.Count);

            _screen = new TerminalText();
            Send("\r", secret: false);
            var base1 = first.Base;
            var second = WaitFor(() =>
            {
                var p = PromptOnCurrentLine(generic: true);
                return p != null && p.Base == base1 ? p : null;
            }, timeout, clock, cancellationToken);
            if (second == null)
            {
                throw new DeviceException(DeviceErrorIds.PromptNotFound, SsmErrorKind.OperationTimeout,
                    $"The device printed '{first.Text}' but did not print it again after Enter within {timeout.TotalSeconds:0.#} s.",
                    "Check that the account lands in the device CLI and raise -TimeoutSec for slow devices.");
            }
            syslog.AddRange(CollectSyslog(_screen.Lines, 0, _screen.Lines.Count));
            SetPrompt(second);
            return syslog;
        }

        /// <summary>
        /// Sends one CLI line and reads until the prompt comes back. Returns what it printed, with syslog separated.
        /// Throws <see cref="DeviceException"/> (DeviceCommandTimeout) when the prompt does not come back in time.
        /// </summary>
        public CliExchange Run(string command, TimeSpan timeout, CancellationToken cancellationToken,
            IList<PromptResponder> responders = null, bool secretCommand = false, bool promptMayChange = false)
        {
            var clock = Stopwatch.StartNew();
            var exchange = new CliExchange { Command = _masker.Apply(command) };
            _runningCommand = exchange.Command;
            _echoScannedTo = 0;

            // Whatever arrived since the last prompt (asynchronous syslog) belongs before this command's echo.
            _screen = new TerminalText();
            Drain(cancellationToken);

            Send(command + "\r", secretCommand);
            var echoIndex = -1;
            var linesAtLastAnswer = -1;
            var asked = new Dictionary<string, int>();
            Tuple<Prompt, int> done = null;

            WaitFor(() =>
            {
                if (echoIndex < 0)
                {
                    echoIndex = FindEcho(command);
                    if (echoIndex < 0) return null;
                }
                var current = _screen.CurrentLine;
                if (current.Length == 0 && _screen.Lines.Count == echoIndex + 1) return null;

                if (More.IsMatch(current.Length <= MaxMoreLine ? current : current.Substring(current.Length - MaxMoreLine)))
                {
                    _screen.ClearCurrentLine();
                    exchange.PagesAnswered++;
                    Send(" ", secret: false);
                    return null;
                }

                done = FindFinalPrompt(echoIndex, generic: promptMayChange);
                if (done != null) return done;

                if (responders != null && _screen.Lines.Count != linesAtLastAnswer)
                {
                    SyslogLines.TrySplit(current, out var question, out _);
                    if (question.Length > MaxQuestionTail) question = question.Substring(question.Length - MaxQuestionTail);
                    var finished = question.Trim().Length == 0 && _screen.Lines.Count > echoIndex + 1 ? _screen.Lines[_screen.Lines.Count - 1] : null;
                    foreach (var responder in responders)
                    {
                        if (!responder.Pattern.IsMatch(question) && !(responder.MatchesCompletedLine && finished != null && responder.Pattern.IsMatch(finished))) continue;
                        asked.TryGetValue(responder.Name, out var count);
                        asked[responder.Name] = count + 1;
                        exchange.QuestionsAsked.Add(responder.Name);
                        var answer = responder.Answer(count);
                        linesAtLastAnswer = _screen.Lines.Count;
                        if (answer != null)
                        {
                            _log.Verbose($"Answering '{_masker.Apply(question.Trim())}' with '{(responder.AnswerIsSecret ? SecretMasker.Mask : answer)}'.");
                            Send(answer + "\r", responder.AnswerIsSecret);
                        }
                        break;
                    }
                }
                return null;
            }, timeout, clock, cancellationToken);

            if (done == null)
            {
                var seen = DeviceText(_screen.Text);
                throw new DeviceException(DeviceErrorIds.CommandTimeout, SsmErrorKind.OperationTimeout,
                    $"'{exchange.Command}' did not return to the prompt within {timeout.TotalSeconds:0.#} s" +
                    (echoIndex < 0 ? " (the device did not even echo it)." : ".") + $" Last text received: '{Tail(seen)}'",
                    "Raise -TimeoutSec if the command is just slow; otherwise check the device (it may be waiting for input).")
                { Command = exchange.Command, DeviceOutput = seen };
            }

            // Before the echo: only asynchronous syslog matters.
            exchange.Syslog.AddRange(CollectSyslog(_screen.Lines, 0, echoIndex));
            var endLine = done.Item2;
            for (var i = echoIndex + 1; i < endLine; i++)
            {
                var line = _screen.Lines[i];
                var masked = DeviceText(line);
                if (SyslogLines.TrySplit(masked, out var outputPart, out var message))
                {
                    exchange.Syslog.Add(message);
                    if (outputPart.Length > 0) exchange.OutputLines.Add(outputPart);
                }
                else exchange.OutputLines.Add(masked);
            }
            // Syslog printed after (or glued to) the final prompt.
            exchange.Syslog.AddRange(CollectSyslog(_screen.Lines, endLine, _screen.Lines.Count));
            if (SyslogLines.TrySplit(DeviceText(_screen.CurrentLine), out _, out var gluedToPrompt)) exchange.Syslog.Add(gluedToPrompt);

            TrimBlankLines(exchange.OutputLines);
            exchange.FinalPrompt = done.Item1;
            SetPrompt(done.Item1);
            return exchange;
        }

        /// <summary>
        /// After a timeout: interrupt whatever runs (Ctrl+Shift+6, Ctrl+C), press Enter and wait for a prompt.
        /// Returns false if none came within <paramref name="budget"/>: the caller then closes the session.
        /// </summary>
        public bool TryRecoverPrompt(TimeSpan budget, CancellationToken cancellationToken)
        {
            if (!_channel.IsOpen) return false;
            try
            {
                var clock = Stopwatch.StartNew();
                _screen = new TerminalText();
                _runningCommand = null;
                _log.Verbose("Trying to get the prompt back (Ctrl+Shift+6, Ctrl+C, Enter).");
                Send("\x1E\x03\r", secret: false);
                var prompt = WaitFor(() => PromptOnCurrentLine(generic: Prompt == null), budget, clock, cancellationToken);
                if (prompt == null) return false;
                SetPrompt(prompt);
                return true;
            }
            catch (DeviceException)
            {
                return false;
            }
        }

        private void SetPrompt(Prompt prompt)
        {
            if (Prompt == null || Prompt.Base != prompt.Base) _promptRegex = PromptPattern.ForBase(prompt.Base);
            Prompt = prompt;
        }

        private void Send(string text, bool secret)
        {
            _log.Sent(secret ? SecretMasker.Mask + "\r" : _masker.Apply(text));
            _channel.Write(text);
        }

        private void Drain(CancellationToken cancellationToken)
        {
            string chunk;
            while ((chunk = _channel.Read(TimeSpan.Zero, cancellationToken)).Length > 0) Receive(chunk);
        }

        private void Receive(string chunk)
        {
            _log.Received(chunk); // the log masks per line: a secret may be split across chunks
            _screen.Append(chunk);
            if (_screen.Received > _limits.MaxOutputChars)
                throw TooLarge($"printed more than {_limits.MaxOutputChars:N0} characters");
            if (_screen.CurrentLength > _limits.MaxLineChars)
                throw TooLarge($"printed a line longer than {_limits.MaxLineChars:N0} characters");
        }

        private DeviceException TooLarge(string what)
        {
            var command = _runningCommand == null ? "The device" : $"'{_runningCommand}'";
            return new DeviceException(DeviceErrorIds.OutputTooLarge, SsmErrorKind.InvalidData,
                $"{command} {what} (a flood or a broken terminal); the session was closed. Last text received: '{Tail(DeviceText(Tail(_screen.Text, 4096)))}'",
                "Check the device (terminal settings, a runaway process). Licensing commands print tens of KB; the limits are in docs/SECURITY.md.")
            { Command = _runningCommand };
        }

        /// <summary>Text the device printed, as it may leave the engine: known secrets and secret-bearing configuration lines masked.</summary>
        private string DeviceText(string text) => ConfigSecrets.Mask(_masker.Apply(text));

        private T WaitFor<T>(Func<T> check, TimeSpan timeout, Stopwatch clock, CancellationToken cancellationToken) where T : class
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = check();
                if (result != null) return result;
                var remaining = timeout - clock.Elapsed;
                if (remaining <= TimeSpan.Zero) return null;
                var chunk = _channel.Read(remaining, cancellationToken);
                if (chunk.Length > 0) Receive(chunk);
            }
        }

        /// <summary>The index of the line that echoes the command, or -1.</summary>
        private int FindEcho(string command)
        {
            var lines = _screen.Lines;
            var trimmed = command.TrimEnd();
            // Only lines not looked at yet (a device that never echoes must not cost a rescan per chunk); the split
            // echo walks back at most MaxEchoSplitLines, so that many earlier lines are looked at again.
            var from = Math.Max(0, _echoScannedTo - MaxEchoSplitLines - 1);
            for (var i = from; i < lines.Count; i++)
            {
                if (trimmed.Length == 0 || lines[i].EndsWith(trimmed, StringComparison.Ordinal)) return i;
            }
            var split = FindEchoSplitBySyslog(lines, trimmed, Math.Max(1, from));
            _echoScannedTo = lines.Count;
            return split;
        }

        /// <summary>
        /// Without 'logging synchronous' a device prints syslog messages in the middle of the command being echoed
        /// ("host#s" / "%SMART_LIC-6-AGENT_REG_SUCCESS: ..." / "h" / "%SMART_LIC-6-AUTH_RENEW_SUCCESS: ..." /
        /// "ow license status"). Walks back from a candidate last piece, joining the pieces between the message lines;
        /// every joined piece must be a strict tail of the command, so command output is not mistaken for it.
        /// Returns the index of the echo's last piece.
        /// </summary>
        private static int FindEchoSplitBySyslog(IReadOnlyList<string> lines, string command, int from)
        {
            for (var i = from; i < lines.Count; i++)
            {
                var tail = lines[i];
                if (SyslogLines.IsSyslog(tail) || !IsStrictTail(tail, command)) continue;
                var messageSince = false; // a message line lies between the piece at k and the pieces joined so far
                for (var k = i - 1; k >= 0 && i - k <= MaxEchoSplitLines; k--)
                {
                    var hasMessage = SyslogLines.TrySplit(lines[k], out var piece, out _);
                    if (hasMessage && piece.Trim().Length == 0) { messageSince = true; continue; }
                    if (!messageSince && !hasMessage) break; // two plain lines in a row: not an interrupted echo
                    var joined = JoinEchoPieces(piece, tail, command);
                    if (joined == null) break;
                    if (joined.EndsWith(command, StringComparison.Ordinal)) return i;
                    tail = joined;
                    messageSince = hasMessage;
                }
            }
            return -1;
        }

        // Pieces of an echo and the syslog lines between them: enough for a burst of several events.
        private const int MaxEchoSplitLines = 12;

        // The screen trims each line's end, so a piece that ended in a space ("host#show ") lost it: join with and
        // without one. Returns the join that is a tail of the command (or ends with all of it), else null.
        private static string JoinEchoPieces(string piece, string tail, string command)
        {
            foreach (var joined in new[] { piece + tail, piece + " " + tail })
            {
                if (joined.EndsWith(command, StringComparison.Ordinal) || IsStrictTail(joined, command)) return joined;
            }
            return null;
        }

        private static bool IsStrictTail(string piece, string command) =>
            piece.Length > 0 && piece.Length < command.Length && command.EndsWith(piece, StringComparison.Ordinal);

        private Prompt PromptOnCurrentLine(bool generic)
        {
            var line = _screen.CurrentLine;
            SyslogLines.TrySplit(line, out line, out _);
            return MatchPrompt(line, generic);
        }

        private Prompt MatchPrompt(string line, bool generic) =>
            generic || _promptRegex == null ? PromptPattern.TryParseAny(line) : PromptPattern.TryParse(_promptRegex, line);

        /// <summary>
        /// The prompt that ends the output: on the line being written (possibly with syslog glued to it), or on an
        /// earlier line when only syslog lines came after it. Returns the prompt and the index of its line.
        /// </summary>
        private Tuple<Prompt, int> FindFinalPrompt(int echoIndex, bool generic)
        {
            var lines = _screen.Lines;
            var current = _screen.CurrentLine;
            var onCurrent = PromptOnCurrentLine(generic);
            if (onCurrent != null) return Tuple.Create(onCurrent, lines.Count);
            if (current.Trim().Length > 0 && !SyslogLines.IsSyslog(current)) return null;

            var sawSyslog = SyslogLines.IsSyslog(current);
            for (var i = lines.Count - 1; i > echoIndex && i >= lines.Count - 12; i--)
            {
                var line = lines[i];
                if (line.Trim().Length == 0) continue;
                if (SyslogLines.IsSyslog(line)) { sawSyslog = true; continue; }
                if (!sawSyslog) return null;
                SyslogLines.TrySplit(line, out var beforeSyslog, out _);
                var prompt = MatchPrompt(beforeSyslog, generic);
                return prompt == null ? null : Tuple.Create(prompt, i);
            }
            return null;
        }

        private List<SyslogMessage> CollectSyslog(IReadOnlyList<string> lines, int from, int to)
        {
            var found = new List<SyslogMessage>();
            for (var i = Math.Max(0, from); i < to && i < lines.Count; i++)
            {
                if (SyslogLines.TrySplit(DeviceText(lines[i]), out _, out var message)) found.Add(message);
            }
            return found;
        }

        private static void TrimBlankLines(List<string> lines)
        {
            while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
            while (lines.Count > 0 && lines[lines.Count - 1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        }

        private static string Tail(string text)
        {
            text = Tail(text, 400).Replace("\n", "\\n");
            return text.Length <= 160 ? text : "..." + text.Substring(text.Length - 160);
        }

        private static string Tail(string text, int max)
        {
            text = text ?? string.Empty;
            return text.Length <= max ? text : text.Substring(text.Length - max);
        }
    }
}
