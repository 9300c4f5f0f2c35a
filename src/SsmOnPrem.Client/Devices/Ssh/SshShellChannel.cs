using System;
using System.Text;
using System.Threading;
using Renci.SshNet;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.Cli;

namespace SsmOnPrem.Client.Devices.Ssh
{
    /// <summary>
    /// An SSH.NET pty shell as an <see cref="IShellChannel"/>. Reads wait on the stream's DataReceived/Closed events
    /// and the cancellation token together, so a read never blocks past its deadline or a Ctrl+C, and no thread-pool
    /// thread is held: waits happen on the caller's thread, SSH.NET reads the socket on its own listener thread.
    /// The wait is a SemaphoreSlim (a monitor), not WaitHandle.WaitAny over an event and the token's handle: on Linux
    /// and macOS the runtime emulates Windows waits in managed code behind one process-wide lock, and a fleet run does
    /// ~100 reads per device from up to -ThrottleLimit threads (docs/performance.md).
    /// </summary>
    internal sealed class SshShellChannel : IShellChannel
    {
        private readonly ShellStream _stream;
        // Released when data arrives or the stream closes; at most one release is pending (an auto-reset event).
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0, 1);
        private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
        // One read's worth: a device's output arrives in packets of a few KB, and a longer one takes more reads. 4 KB,
        // not 16: per session these are held for its whole life (48 KB at 16 KB of bytes and chars).
        private readonly byte[] _bytes = new byte[4096];
        private readonly char[] _chars = new char[4096 + 4];
        private volatile bool _closed;

        public SshShellChannel(ShellStream stream)
        {
            _stream = stream;
            // SSH.NET's listener thread decrypts and buffers what arrives: with every worker waiting, it is the thread
            // that allocates, so it nudges the run's heap pacer too (none outside a fleet run's workers).
            var pacer = HeapPacer.OfThisThread;
            _stream.DataReceived += (s, e) => { pacer?.Nudge(); Wake(); };
            _stream.Closed += (s, e) => { _closed = true; Wake(); };
            _stream.ErrorOccurred += (s, e) => { _closed = true; Wake(); };
        }

        public bool IsOpen => !_closed && _stream.CanRead;

        public void Write(string text)
        {
            if (!IsOpen) throw Closed();
            try
            {
                _stream.Write(text); // flushes
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is Renci.SshNet.Common.SshException || ex is System.IO.IOException)
            {
                _closed = true;
                throw Closed(ex);
            }
        }

        public string Read(TimeSpan wait, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + (wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
            HeapPacer.NudgeFromWorker(); // reads are where a fleet run allocates: docs/performance.md
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_stream.DataAvailable)
                {
                    int count;
                    try
                    {
                        count = _stream.Read(_bytes, 0, _bytes.Length);
                    }
                    catch (ObjectDisposedException ex)
                    {
                        _closed = true;
                        throw Closed(ex);
                    }
                    if (count > 0)
                    {
                        var chars = _decoder.GetChars(_bytes, 0, count, _chars, 0);
                        return new string(_chars, 0, chars);
                    }
                }
                if (_closed || !_stream.CanRead) throw Closed();
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero) return string.Empty;
                _signal.Wait(remaining, cancellationToken); // throws OperationCanceledException on Ctrl+C, as the loop's check does
            }
        }

        // SSH.NET raises events on its listener thread, possibly after we disposed.
        private void Wake()
        {
            try { if (_signal.CurrentCount == 0) _signal.Release(); }
            catch (SemaphoreFullException) { } // two wake-ups raced: one pending is enough
            catch (ObjectDisposedException) { }
        }

        private static DeviceException Closed(Exception inner = null) =>
            new DeviceException(DeviceErrorIds.ConnectionLost, SsmErrorKind.ConnectionError,
                "The device closed the SSH session.", "Check the device (it may have dropped the session, reloaded, or timed out an idle line) and connect again.", inner);

        public void Dispose()
        {
            _closed = true;
            try { _stream.Dispose(); } catch (Exception) { /* closing anyway */ }
            _signal.Dispose();
        }
    }
}
