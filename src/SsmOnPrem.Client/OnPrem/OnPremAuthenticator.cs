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
    /// OAuth 2.0 against /oauth/token or /backend/oauth/token (docs/onprem-api.md): "client_credentials" (API client
    /// id + secret) or "password" (the same client plus an On-Prem user). The body is JSON, as public clients send it;
    /// a server that answers 415 gets a form instead. Only access_token is read; expires_in is used if present (no
    /// public source shows it). Resolves the API prefix (Auto: root first, backend on a 404) and renews the token on
    /// demand after the server refuses it (401 or 403).
    /// </summary>
    internal sealed class OnPremAuthenticator
    {
        private readonly OnPremTransport _transport;
        private readonly string _clientId;
        private readonly string _clientSecret;
        private readonly string _userName;
        private readonly string _userPassword;
        private bool _formBody;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private ApiPrefix _prefix;
        private string _accessToken;
        private DateTimeOffset? _expiresOn;
        private TimeSpan _lifetime;

        internal OnPremAuthenticator(OnPremTransport transport, string clientId, string clientSecret, ApiPrefix prefix, string userName = null, string userPassword = null)
        {
            _transport = transport;
            _clientId = clientId;
            _clientSecret = clientSecret;
            _userName = string.IsNullOrEmpty(userName) ? null : userName;
            _userPassword = userPassword;
            _prefix = prefix;
            transport.Masker.Add(clientSecret);
            transport.Masker.Add(userPassword);
        }

        internal string Grant => _userName != null ? "password" : "client_credentials";

        /// <summary>Root or Backend once resolved; Auto until the first token.</summary>
        internal ApiPrefix Prefix => _prefix;
        internal string ApiRoot => _prefix == ApiPrefix.Backend ? "backend/api/v1/" : "api/v1/";
        internal DateTimeOffset? AccessTokenExpiresOn => _expiresOn;
        internal int TokensIssued { get; private set; }

        /// <summary>
        /// The current access token, or a new one. <paramref name="refused"/> is the token the server just refused:
        /// it is replaced only if no other request has replaced it already (one renewal per expiry, not one per thread).
        /// </summary>
        internal async Task<string> GetAccessTokenAsync(string refused, IOnPremLog log, CancellationToken ct)
        {
            await _gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var forceRefresh = refused != null && refused == _accessToken;
                if (refused != null && !forceRefresh && _accessToken != null) return _accessToken;
                if (!forceRefresh && _accessToken != null && !ExpiresSoon()) return _accessToken;
                log.Verbose(forceRefresh ? "Access token refused (it may have expired): requesting a new one" : _accessToken == null ? $"Requesting an access token (OAuth {Grant} grant)" : "Access token about to expire: requesting a new one");
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
                var response = await SendTokenRequestAsync(path, log, ct).ConfigureAwait(false);
                if (response.Code == 415 && !_formBody)
                {
                    log.Verbose($"/{path} does not take JSON (HTTP 415): sending the token request as a form");
                    _formBody = true;
                    response = await SendTokenRequestAsync(path, log, ct).ConfigureAwait(false);
                }

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
                        _userName == null
                            ? $"SSM On-Prem refused the API client '{_clientId}' (HTTP {response.Code}{Said(response)})."
                            : $"SSM On-Prem refused the user '{_userName}' with the API client '{_clientId}' (HTTP {response.Code}{Said(response)}).",
                        _userName == null
                            ? "Check the client id and secret (On-Prem UI: API Toolkit, for the local account) and that the API client is active; if your site signs in with a user, add -UserCredential."
                            : "Check the On-Prem user name and password (-UserCredential) and the API client id and secret (-Credential).")
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
                    log.Verbose($"Access token issued (prefix {candidate}, no expires_in: renewed when the server refuses it)");
                }
                return;
            }
        }

        private Task<OnPremTransport.Response> SendTokenRequestAsync(string path, IOnPremLog log, CancellationToken ct)
        {
            var fields = new Dictionary<string, string>
            {
                ["grant_type"] = Grant,
                ["client_id"] = _clientId,
                ["client_secret"] = _clientSecret,
            };
            if (_userName != null)
            {
                fields["username"] = _userName;
                fields["password"] = _userPassword ?? "";
            }
            return _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = _formBody
                    ? (HttpContent)new FormUrlEncodedContent(fields)
                    : new StringContent(JObject.FromObject(fields).ToString(Newtonsoft.Json.Formatting.None), System.Text.Encoding.UTF8, "application/json"),
            }, idempotent: true, log, ct);
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
