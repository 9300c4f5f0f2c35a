using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Client.Workflows;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Register-SsmDevice's look-ups that need no device: the device-facing URLs (from -Url or the connected On-Prem) and
    /// the check that their hosts are names of the certificate there. They start in BeginProcessing on the thread pool,
    /// so they run while the first device is still being produced upstream (a cold pipeline spends ~0.1 s there, and the
    /// first TLS handshake of a process on Linux ~0.13 s loading the system certificate store: docs/performance.md);
    /// <see cref="Finish"/> waits for them before any device is touched and says on the pipeline thread what they found.
    /// </summary>
    internal sealed class DeviceUrlPreparation
    {
        private readonly List<KeyValuePair<bool, string>> _messages = new List<KeyValuePair<bool, string>>(); // true: warning
        private Task _work;

        private RegistrationRequest Urls { get; } = new RegistrationRequest();

        /// <param name="connection">The On-Prem connection (null: none).</param>
        /// <param name="url">-Url, or null to read the URLs from <paramref name="connection"/>.</param>
        /// <param name="fillUrls">False with -SkipTransport and no -Url: no URL is configured on the devices.</param>
        /// <param name="checkNames">False with -SkipCertificateNameCheck, or when no URL is configured.</param>
        /// <param name="ct">Stops the look-ups (Ctrl+C, or the command ended before its first device).</param>
        internal static DeviceUrlPreparation Start(OnPremConnection connection, string url, bool fillUrls, bool checkNames, CancellationToken ct)
        {
            var preparation = new DeviceUrlPreparation();
            preparation._work = Task.Run(() =>
            {
                if (fillUrls) OnPremLookup.FillUrls(preparation.Urls, connection, url, preparation.Warn, ct);
                if (checkNames) DeviceUrlCertificates.Check(preparation.Urls, url == null ? connection?.Server : null, preparation.Say, preparation.Warn, ct);
            }, ct);
            return preparation;
        }

        /// <summary>Pipeline thread: waits for the look-ups, copies the URLs into <paramref name="request"/>, replays their messages; rethrows their failure.</summary>
        internal void Finish(RegistrationRequest request, Action<string> verbose, Action<string> warn)
        {
            try { _work.GetAwaiter().GetResult(); }
            finally
            {
                lock (_messages)
                {
                    foreach (var message in _messages)
                    {
                        if (message.Key) warn(message.Value);
                        else verbose(message.Value);
                    }
                    _messages.Clear();
                }
            }
            request.CallHomeUrl = Urls.CallHomeUrl;
            request.SmartTransportUrl = Urls.SmartTransportUrl;
            request.CsluUrl = Urls.CsluUrl;
        }

        private void Say(string text) { lock (_messages) _messages.Add(new KeyValuePair<bool, string>(false, text)); }

        private void Warn(string text) { lock (_messages) _messages.Add(new KeyValuePair<bool, string>(true, text)); }
    }
}
