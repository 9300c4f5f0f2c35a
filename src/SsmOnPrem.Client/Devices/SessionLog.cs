using System;
using System.IO;
using System.Text;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.Cli;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>
    /// The session's verbose messages and optional transcript file. Received text is buffered to whole lines before
    /// masking, so a secret the device echoes in several chunks is still masked.
    /// </summary>
    internal sealed class SessionLog : ISessionLog, IDisposable
    {
        private readonly SecretMasker _masker;
        private readonly Action<string> _verbose;
        private readonly string _prefix;
        private readonly StreamWriter _transcript;
        private readonly StringBuilder _pending = new StringBuilder();
        private readonly object _gate = new object();

        public SessionLog(SecretMasker masker, Action<string> verbose, string prefix, string transcriptPath)
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
                _transcript = new StreamWriter(new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
                Line($"--- session {prefix} opened {DateTimeOffset.UtcNow:o}");
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new DeviceException(DeviceErrorIds.TranscriptUnwritable, SsmErrorKind.InvalidArgument,
                    $"Cannot write the transcript '{transcriptPath}': {ex.Message}", "Give a writable file path with -TranscriptPath.", ex);
            }
        }

        public void Verbose(string message)
        {
            var masked = _masker.Apply(message);
            _verbose?.Invoke($"{_prefix}: {masked}");
            if (_transcript != null) lock (_gate) { FlushPending(); Line("## " + masked); }
        }

        public void Sent(string text)
        {
            if (_transcript == null) return;
            lock (_gate)
            {
                FlushPending();
                Line(">> " + _masker.Apply(text).Replace("\r", "\\r").Replace("\x03", "^C").Replace("\x1E", "^^"));
            }
        }

        public void Received(string text)
        {
            if (_transcript == null) return;
            lock (_gate)
            {
                _pending.Append(text);
                var all = _pending.ToString();
                var lastNewline = all.LastIndexOf('\n');
                if (lastNewline < 0) return;
                foreach (var line in all.Substring(0, lastNewline).Split('\n')) Line("<< " + _masker.Apply(line.TrimEnd('\r')));
                _pending.Clear().Append(all.Substring(lastNewline + 1));
            }
        }

        private void FlushPending()
        {
            if (_pending.Length == 0) return;
            Line("<< " + _masker.Apply(_pending.ToString().TrimEnd('\r')));
            _pending.Clear();
        }

        private void Line(string text)
        {
            try { _transcript.WriteLine(text); } catch (Exception) { /* a transcript must never break the session */ }
        }

        public void Dispose()
        {
            if (_transcript == null) return;
            lock (_gate)
            {
                FlushPending();
                Line($"--- session {_prefix} closed {DateTimeOffset.UtcNow:o}");
                _transcript.Dispose();
            }
        }
    }
}
