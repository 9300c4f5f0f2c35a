using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.Cli;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>
    /// The session's verbose messages and optional transcript. Received text is buffered to whole lines before masking,
    /// so a secret the device echoes in several chunks is still masked; every line is masked (known secrets and
    /// secret-bearing configuration lines, <see cref="ConfigSecrets"/>), stripped of control characters and prefixed
    /// with the device, so one transcript file can serve a whole fleet (<see cref="TranscriptFile"/>).
    /// </summary>
    internal sealed class SessionLog : ISessionLog, IDisposable
    {
        // A line longer than this is written in pieces: the pending buffer never grows with a device that sends no newline.
        private const int MaxPendingChars = 4096;

        private readonly SecretMasker _masker;
        // Whose verbose stream the session writes to: the command using it now (a kept session outlives the one that opened it).
        private volatile Action<string> _verbose;
        private readonly string _prefix;
        private readonly TranscriptFile _transcript;
        private readonly StringBuilder _pending = new StringBuilder();
        private readonly object _gate = new object();
        private bool _closed;

        public SessionLog(SecretMasker masker, Action<string> verbose, string prefix, string transcriptPath, Action<string> warning = null)
        {
            _masker = masker;
            _verbose = verbose;
            _prefix = prefix;
            if (string.IsNullOrEmpty(transcriptPath)) return;
            try
            {
                var full = Path.GetFullPath(transcriptPath);
                var dir = Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
                _transcript = TranscriptFile.Acquire(full, warning);
                Write($"--- session {prefix} opened {DateTimeOffset.UtcNow:o}");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new DeviceException(DeviceErrorIds.TranscriptUnwritable, SsmErrorKind.InvalidArgument,
                    $"Cannot write the transcript '{transcriptPath}': {ex.Message}", "Give a writable file path with -TranscriptPath.", ex);
            }
        }

        public void Verbose(string message)
        {
            var verbose = _verbose;
            if (verbose == null && _transcript == null) return; // nobody reads it: no masking work per message
            var masked = ConsoleText.Clean(_masker.Apply(message));
            verbose?.Invoke($"{_prefix}: {masked}");
            if (_transcript != null) lock (_gate) { FlushPending(); Write("## " + masked); }
        }

        /// <summary>Where verbose messages go from now on (null: nowhere).</summary>
        internal void RouteVerbose(Action<string> verbose) => _verbose = verbose;

        public void Sent(string text)
        {
            if (_transcript == null) return;
            lock (_gate)
            {
                FlushPending();
                Write(">> " + _masker.Apply(text).Replace("\r", "\\r").Replace("\x03", "^C").Replace("\x1E", "^^"));
            }
        }

        public void Received(string text)
        {
            if (_transcript == null || string.IsNullOrEmpty(text)) return;
            lock (_gate)
            {
                var lines = new List<string>();
                var start = 0;
                int newline;
                // Only the new text is searched for line ends: the work per chunk is linear in the chunk.
                while ((newline = text.IndexOf('\n', start)) >= 0)
                {
                    Pend(text, start, newline - start, lines);
                    lines.Add(ReceivedLine(_pending.ToString()));
                    _pending.Clear();
                    start = newline + 1;
                }
                Pend(text, start, text.Length - start, lines);
                if (lines.Count > 0) Write(lines);
            }
        }

        private void Pend(string text, int start, int count, List<string> lines)
        {
            _pending.Append(text, start, count);
            while (_pending.Length > MaxPendingChars)
            {
                lines.Add(ReceivedLine(_pending.ToString(0, MaxPendingChars)) + " [line continues]");
                _pending.Remove(0, MaxPendingChars);
            }
        }

        private string ReceivedLine(string raw) => "<< " + ConfigSecrets.Mask(_masker.Apply(ConsoleText.Clean(raw.TrimEnd('\r'))));

        private void FlushPending()
        {
            if (_pending.Length == 0) return;
            Write(ReceivedLine(_pending.ToString()));
            _pending.Clear();
        }

        private void Write(string line) => Write(new[] { line });

        private void Write(IEnumerable<string> lines)
        {
            if (_closed) return;
            var prefixed = new List<string>();
            foreach (var line in lines) prefixed.Add("[" + _prefix + "] " + line);
            _transcript.WriteLines(prefixed);
        }

        public void Dispose()
        {
            if (_transcript == null) return;
            lock (_gate)
            {
                if (_closed) return;
                FlushPending();
                Write($"--- session {_prefix} closed {DateTimeOffset.UtcNow:o}");
                _closed = true;
                _transcript.Release();
            }
        }
    }
}
