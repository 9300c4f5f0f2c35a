using System;
using System.Threading;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// The interactive shell a <see cref="CliDriver"/> talks to: an SSH pty channel in production, a scripted fake in unit tests.
    /// </summary>
    internal interface IShellChannel : IDisposable
    {
        /// <summary>Sends text as typed (the driver adds "\r" to end a line).</summary>
        void Write(string text);

        /// <summary>
        /// Waits until the device sends something, the wait elapses or <paramref name="cancellationToken"/> trips.
        /// Returns the text received ("" when nothing came in time); throws <see cref="DeviceException"/> when the channel closed.
        /// </summary>
        string Read(TimeSpan wait, CancellationToken cancellationToken);

        bool IsOpen { get; }
    }
}
