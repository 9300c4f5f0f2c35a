using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// OAuth 2.0 client credentials against /oauth/token or /backend/oauth/token (confirmed, DESIGN.md §4). Resolves the
    /// API prefix (Auto: root first, backend on a 404), caches the access token, refreshes it shortly before it expires
    /// (from expires_in; never a hard-coded lifetime) and on demand after a 401.
    /// </summary>
    internal sealed class OnPremAuthenticator
    {
        private readonly OnPremTransport _transport;
        private readonly string _clientId;
        private readonly string _clientSecret;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private ApiPrefix _prefix;
        private string _accessToken;
        private DateTimeOffset? _expiresOn;
        private TimeSpan _lifetime;

        internal OnPremAuthenticator(OnPremTransport transport, string clientId, string clientSecret, ApiPrefix prefix)
        {
            _transport = transport;
            _clientId = clientId;
            _clientSecret = clientSecret;
            _prefix = prefix;
            transport.Masker.Add(clientSecret);
        }

        /// <summary>Root or Backend once resolved; Auto until the first token.</summary>
        internal ApiPrefix Prefix => _prefix;
        internal string ApiRoot => _prefix == ApiPrefix.Backend ? "backend/api/v1/" : "api/v1/";
        internal DateTimeOffset? AccessTokenExpiresOn => _expiresOn;
        internal int TokensIssued { get; private set; }

        internal async Task<string> GetAccessTokenAsync(bool forceRefresh, IOnPremLog log, CancellationToken ct)
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (!forceRefresh && _accessToken != null && !ExpiresSoon()) return _accessToken;
                log.Verbose(forceRefresh ? "Access token refused or expired: requesting a new one" : _accessToken == null ? "Requesting an access token (OAuth client credentials)" : "Access token about to expire: requesting a new one");
                await RequestTokenAsync(log, ct).ConfigureAwait(false);
                return _accessToken;
            }
            finally { _gate.Release(); }
        }

        private bool ExpiresSoon()
        {
            if (_expiresOn == null) return false; // no expires_in: rely on 401 refresh
            var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(60).Ticks, _lifetime.Ticks / 10));
            return DateTimeOffset.UtcNow >= _expiresOn.Value - margin;
        }

        private async Task RequestTokenAsync(IOnPremLog log, CancellationToken ct)
        {
            var candidates = _prefix == ApiPrefix.Auto ? new[] { ApiPrefix.Root, ApiPrefix.Backend } : new[] { _prefix };
            foreach (var candidate in candidates)
            {
                var path = candidate == ApiPrefix.Backend ? "backend/oauth/token" : "oauth/token";
                var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "client_credentials",
                        ["client_id"] = _clientId,
                        ["client_secret"] = _clientSecret,
                    }),
                }, idempotent: true, log, ct).ConfigureAwait(false);

                if (response.Code == 404 && candidate != candidates[candidates.Length - 1])
                {
                    log.Verbose($"No token endpoint at /{path}: trying the /backend prefix");
                    continue;
                }
                if (response.Code == 404)
                    throw new SsmOnPremException(OnPremErrorIds.EndpointNotSupported, SsmErrorKind.NotImplemented,
                        $"This server does not expose an OAuth token endpoint at /{path}" + (_prefix == ApiPrefix.Auto ? " or /oauth/token." : "."),
                        _prefix == ApiPrefix.Auto ? "Check that -Server and -Port point at SSM On-Prem's API (port 8443)." : "Try -ApiPrefix Auto, and check that -Server and -Port point at SSM On-Prem's API (port 8443).")
                    { Target = _transport.BaseUri.ToString() };
                if (response.Code == 400 || response.Code == 401)
                    throw new SsmOnPremException(OnPremErrorIds.AuthenticationFailed, SsmErrorKind.AuthenticationError,
                        $"SSM On-Prem refused the API client '{_clientId}' (HTTP {response.Code}{Said(response)}).",
                        "Check the client id and secret (On-Prem UI: API Toolkit, for the local account) and that the API client is active.")
                    { Target = _transport.BaseUri.ToString() };
                if (!response.IsSuccess) throw _transport.StatusError(response, "issue an access token");

                var json = _transport.ParseJson(response, log) as JObject;
                var token = (string)json?["access_token"];
                if (string.IsNullOrEmpty(token)) throw _transport.InvalidResponse(response, "the token answer has no access_token");
                _transport.Masker.Add(token);
                foreach (var other in new[] { "id_token", "refresh_token" }) _transport.Masker.Add((string)json[other]);
                _accessToken = token;
                _prefix = candidate;
                TokensIssued++;
                var expiresIn = json["expires_in"];
                if (expiresIn != null && double.TryParse(expiresIn.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                {
                    _lifetime = TimeSpan.FromSeconds(seconds);
                    _expiresOn = DateTimeOffset.UtcNow + _lifetime;
                    log.Verbose($"Access token issued (prefix {candidate}, expires in {seconds:0} s)");
                }
                else
                {
                    _expiresOn = null;
                    log.Verbose($"Access token issued (prefix {candidate}, no expires_in: refreshed on 401)");
                }
                return;
            }
        }

        private string Said(OnPremTransport.Response response)
        {
            var said = _transport.ServerMessage(response);
            return said == null ? "" : ": " + said;
        }

        internal void Forget()
        {
            _accessToken = null;
            _expiresOn = null;
        }
    }
}
