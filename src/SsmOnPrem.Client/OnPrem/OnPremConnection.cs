using System;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// An authenticated session with one SSM On-Prem server: base URL, certificate policy, API prefix, access token
    /// (refreshed as needed), default local account and virtual account. Reusable by any cmdlet or workflow; one
    /// connection may serve several <see cref="OnPremClient"/>s at once. Never shows a secret.
    /// </summary>
    public sealed class OnPremConnection : IDisposable
    {
        private OnPremConnection(OnPremConnectionOptions options, Uri baseUri)
        {
            Server = baseUri.Host;
            Port = baseUri.Port;
            BaseUri = baseUri;
            DevicePort = options.DevicePort <= 0 ? 443 : options.DevicePort;
            DeviceHost = string.IsNullOrWhiteSpace(options.DeviceHost) ? null : options.DeviceHost.Trim();
            ClientId = options.ClientId;
            Account = options.Account;
            VirtualAccount = options.VirtualAccount;
            SkipCertificateCheck = options.SkipCertificateCheck;
            CertificateThumbprint = string.IsNullOrWhiteSpace(options.CertificateThumbprint) ? null : CertificatePolicy.Normalize(options.CertificateThumbprint);
            Masker = new SecretMasker();
            Transport = new OnPremTransport(baseUri, options, Masker);
            UserName = string.IsNullOrEmpty(options.UserName) ? null : options.UserName;
            Authenticator = new OnPremAuthenticator(Transport, options.ClientId, options.ClientSecret, options.ApiPrefix, UserName, options.UserPassword);
        }

        public string Server { get; }
        public int Port { get; }
        public Uri BaseUri { get; }
        public int DevicePort { get; }
        /// <summary>The host devices are sent to (device-facing URLs), when it differs from <see cref="Server"/>; null: Server.</summary>
        public string DeviceHost { get; }
        public string ClientId { get; }
        /// <summary>The On-Prem user of the password grant; null with the client-credentials grant.</summary>
        public string UserName { get; }
        /// <summary>"client_credentials" or "password".</summary>
        public string Grant => Authenticator.Grant;
        public string Account { get; internal set; }
        /// <summary>The local account record as the server listed it at connect (null when it cannot list them).</summary>
        public LocalAccount LocalAccount { get; internal set; }
        public string VirtualAccount { get; internal set; }
        public ApiPrefix ApiPrefix => Authenticator.Prefix;
        public bool SkipCertificateCheck { get; }
        public string CertificateThumbprint { get; }
        /// <summary>True when the pin is SHA-1 (accepted; SHA-256 is preferred).</summary>
        public bool CertificateThumbprintIsSha1 => CertificateThumbprint != null && CertificateThumbprint.Length == 40;
        public DateTimeOffset ConnectedOn { get; private set; }
        public DateTimeOffset? AccessTokenExpiresOn => Authenticator.AccessTokenExpiresOn;

        /// <summary>
        /// Local virtual account names seen on this server (at connect and since): a cache for Tab completion of
        /// -VirtualAccount, which must never call the network. Empty when the server cannot list them.
        /// </summary>
        public System.Collections.Generic.IReadOnlyList<string> KnownVirtualAccounts => new System.Collections.Generic.List<string>(_known.Keys);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _known = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        internal void Remember(System.Collections.Generic.IEnumerable<string> names) { foreach (var n in names) if (!string.IsNullOrEmpty(n)) _known[n] = true; }

        internal SecretMasker Masker { get; }
        internal OnPremTransport Transport { get; }
        internal OnPremAuthenticator Authenticator { get; }
        /// <summary>How many access tokens this connection obtained (tests: refresh before expiry / after 401).</summary>
        internal int AccessTokensIssued => Authenticator.TokensIssued;

        /// <summary>Masks every secret this connection knows (client secret, access tokens, ID tokens it has seen).</summary>
        public string Mask(string text) => Masker.Apply(text);

        /// <summary>
        /// Validates the options, obtains an access token (resolving the API prefix) and checks the account and default
        /// virtual account where the server lets us. Throws <see cref="SsmOnPremException"/> with a stable ErrorId.
        /// </summary>
        public static async Task<OnPremConnection> ConnectAsync(OnPremConnectionOptions options, IOnPremLog log = null, CancellationToken ct = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            log = log ?? NullOnPremLog.Instance;
            var connection = new OnPremConnection(options, BuildBaseUri(options));
            try
            {
                log.Verbose($"Connecting to SSM On-Prem at {connection.BaseUri.GetLeftPart(UriPartial.Authority)} as API client '{options.ClientId}'" + (connection.UserName != null ? $" and user '{connection.UserName}' (password grant)" : " (client-credentials grant)"));
                await connection.Authenticator.GetAccessTokenAsync(null, log, ct).ConfigureAwait(false);
                await new OnPremClient(connection, log).ResolveAccountAsync(ct).ConfigureAwait(false);
                connection.ConnectedOn = DateTimeOffset.UtcNow;
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        internal static Uri BuildBaseUri(OnPremConnectionOptions options)
        {
            var server = (options.Server ?? "").Trim();
            SsmOnPremException Invalid(string why) => new SsmOnPremException(OnPremErrorIds.InvalidServerAddress, SsmErrorKind.InvalidArgument,
                $"'{server}' is not a usable SSM On-Prem address: {why}.", "Give a host name or IP address (e.g. onprem.example.com) or an https URL (e.g. https://onprem.example.com:8443).");
            if (server.Length == 0) throw Invalid("it is empty");
            if (server.IndexOf("://", StringComparison.Ordinal) >= 0)
            {
                if (!Uri.TryCreate(server, UriKind.Absolute, out var url)) throw Invalid("it is not a valid URL");
                if (!string.Equals(url.Scheme, "https", StringComparison.OrdinalIgnoreCase)) throw Invalid("SSM On-Prem's API is HTTPS only");
                var explicitPort = url.IsDefaultPort && server.IndexOf(":443", StringComparison.Ordinal) < 0 ? options.Port : url.Port;
                return new UriBuilder("https", url.Host, explicitPort, "/").Uri;
            }
            if (server.IndexOfAny(new[] { '/', '\\', ' ', '?', '#', '@' }) >= 0) throw Invalid("a host name cannot contain '/', spaces, '?', '#' or '@'");
            var host = server;
            var port = options.Port;
            var colon = server.LastIndexOf(':');
            if (colon > 0 && server.IndexOf(':') == colon && int.TryParse(server.Substring(colon + 1), out var p)) { host = server.Substring(0, colon); port = p; }
            if (port <= 0 || port > 65535) throw Invalid($"port {port} is out of range");
            try { return new UriBuilder("https", host, port, "/").Uri; }
            catch (UriFormatException) { throw Invalid("it is not a valid host name"); }
        }

        public override string ToString() => $"{BaseUri.GetLeftPart(UriPartial.Authority)} (account '{Account}', client '{ClientId}')";

        public void Dispose()
        {
            Authenticator.Forget();
            Transport.Dispose();
        }
    }
}
