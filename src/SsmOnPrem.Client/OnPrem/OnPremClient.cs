using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// The SSM On-Prem operations as plain C#: virtual accounts, ID tokens, transport URLs, product instances,
    /// synchronization. Cheap to create (one per cmdlet call or workflow); the <see cref="OnPremConnection"/> carries the
    /// session. Every failure is an <see cref="SsmOnPremException"/> with an ErrorId from <see cref="OnPremErrorIds"/>.
    /// </summary>
    public sealed partial class OnPremClient
    {
        private readonly OnPremConnection _connection;
        private readonly IOnPremLog _log;

        public OnPremClient(OnPremConnection connection, IOnPremLog log = null)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _log = log ?? NullOnPremLog.Instance;
        }

        public OnPremConnection Connection => _connection;
        private OnPremTransport Transport => _connection.Transport;

        // ---- virtual accounts ----

        /// <summary>Lists the local virtual accounts (inferred GET; EndpointNotSupported if the server lacks it).</summary>
        public async Task<IReadOnlyList<VirtualAccount>> GetVirtualAccountsAsync(CancellationToken ct = default)
        {
            var account = RequireAccount();
            var list = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
            if (list != null) return list;
            await ThrowAccountNotFoundIfUnknownAsync(account, ct).ConfigureAwait(false);
            throw NotSupported("listing local virtual accounts", "See them in the On-Prem UI (Smart Licensing > Inventory).");
        }

        /// <summary>POST accounts/{account}/virtual-accounts with form name, description (confirmed).</summary>
        public async Task<VirtualAccount> CreateVirtualAccountAsync(string name, string description, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A virtual account needs a name.", nameof(name));
            var account = RequireAccount();
            var fields = new Dictionary<string, string> { ["name"] = name, ["description"] = description ?? "" };
            await CallAsync(HttpMethod.Post, ConfirmedEndpoints.VirtualAccounts(account), () => new FormUrlEncodedContent(fields), false,
                $"create the local virtual account '{name}'", account, null, confirmed: true, ct).ConfigureAwait(false);
            return new VirtualAccount { Name = name, Description = description, Account = account, Server = _connection.Server };
        }

        // ---- tokens ----

        /// <summary>POST .../tokens (confirmed; maxUses is an inferred extra field, sent only when set).</summary>
        public async Task<OnPremToken> CreateTokenAsync(NewTokenRequest request, CancellationToken ct = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (request.ExpiresAfterDays < 1 || request.ExpiresAfterDays > 365)
                throw new SsmOnPremException(OnPremErrorIds.InvalidTokenRequest, SsmErrorKind.InvalidArgument, $"A token expires after 1 to 365 days, not {request.ExpiresAfterDays}.", "Use -ExpiresAfterDays between 1 and 365.");
            if (request.MaxUses.HasValue && request.MaxUses.Value < 1)
                throw new SsmOnPremException(OnPremErrorIds.InvalidTokenRequest, SsmErrorKind.InvalidArgument, $"A token allows at least one use, not {request.MaxUses}.", "Use -MaxUses 1 or more, or leave it out for no limit.");
            var account = RequireAccount();
            var va = RequireVirtualAccount(request.VirtualAccount);
            var body = CreateTokenBody(request);
            var json = await CallAsync(HttpMethod.Post, ConfirmedEndpoints.Tokens(account, va), () => JsonContent(body), false,
                $"create a token in '{va}'", account, va, confirmed: true, ct).ConfigureAwait(false);
            var info = JsonFields.First(json as JObject, "tokenInfo", "token") ;
            var entry = info as JObject ?? (info != null ? new JObject { ["token"] = info } : null);
            var token = entry == null ? null : ReadToken(entry, account, va);
            if (token?.Value == null) throw Transport.InvalidResponse(new OnPremTransport.Response { Method = "POST", Path = ConfirmedEndpoints.Tokens(account, va) }, "the answer has no tokenInfo.token");
            token.Description = token.Description ?? request.Description;
            token.ExportControlled = token.ExportControlled ?? request.ExportControlled;
            token.MaxUses = token.MaxUses ?? request.MaxUses;
            if (token.UsesRemaining == null && request.MaxUses.HasValue) token.UsesRemaining = request.MaxUses;
            if (token.ExpiresOn == null) token.ExpiresOn = DateTimeOffset.UtcNow.AddDays(request.ExpiresAfterDays);
            if (token.Status == null) token.Status = "ACTIVE";
            _log.Verbose($"Created {token}");
            return token;
        }

        /// <summary>The JSON the create call sends (also what -WhatIf shows).</summary>
        public static JObject CreateTokenBody(NewTokenRequest request)
        {
            var body = new JObject
            {
                ["description"] = request.Description ?? "",
                ["expiresAfterDays"] = request.ExpiresAfterDays,
                ["exportControlled"] = request.ExportControlled ? ConfirmedEndpoints.ExportAllowed : ConfirmedEndpoints.ExportNotAllowed,
            };
            if (request.MaxUses.HasValue) body[InferredEndpoints.MaxUsesField] = request.MaxUses.Value;
            return body;
        }

        /// <summary>Describes the HTTP call CreateTokenAsync would make, for -WhatIf (no secret in it).</summary>
        public string DescribeCreateToken(NewTokenRequest request)
        {
            var va = RequireVirtualAccount(request.VirtualAccount);
            return $"POST {ApiUrl(ConfirmedEndpoints.Tokens(RequireAccount(), va))} {CreateTokenBody(request).ToString(Formatting.None)}";
        }

        /// <summary>-WhatIf texts: the HTTP call each change would make (never a secret).</summary>
        public string DescribeCreateVirtualAccount(string name, string description) =>
            $"POST {ApiUrl(ConfirmedEndpoints.VirtualAccounts(RequireAccount()))} (form: name={name}, description={description})";
        public string DescribeRevokeToken(string virtualAccount, string tokenHint) =>
            $"POST {ApiUrl(InferredEndpoints.RevokeTokens(RequireAccount(), RequireVirtualAccount(virtualAccount)))} (token {tokenHint})";
        public string DescribeSynchronize() => $"POST {ApiUrl(InferredEndpoints.Synchronization(RequireAccount()))}";

        internal string ApiUrl(string relative) =>
            new Uri(_connection.BaseUri, (_connection.ApiPrefix == ApiPrefix.Backend ? "backend/api/v1/" : "api/v1/") + relative).AbsoluteUri;

        /// <summary>GET .../tokens (confirmed). Active tokens only unless <paramref name="includeInactive"/>.</summary>
        public async Task<IReadOnlyList<OnPremToken>> GetTokensAsync(string virtualAccount = null, bool includeInactive = false, CancellationToken ct = default)
        {
            var account = RequireAccount();
            var va = RequireVirtualAccount(virtualAccount);
            var json = await CallAsync(HttpMethod.Get, ConfirmedEndpoints.Tokens(account, va), null, true, $"list the tokens of '{va}'", account, va, confirmed: true, ct).ConfigureAwait(false);
            var array = JsonFields.Array(json, "tokens");
            if (array == null) throw Transport.InvalidResponse(new OnPremTransport.Response { Method = "GET", Path = ConfirmedEndpoints.Tokens(account, va) }, "the answer has no tokens list");
            var tokens = array.OfType<JObject>().Select(o => ReadToken(o, account, va)).Where(t => t.Value != null).ToList();
            return includeInactive ? tokens : tokens.Where(t => t.IsUsable).ToList();
        }

        /// <summary>Revokes one token (inferred endpoint, CSSM v2 shape).</summary>
        public async Task RevokeTokenAsync(string virtualAccount, string tokenValue, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(tokenValue)) throw new ArgumentException("No token to revoke.", nameof(tokenValue));
            _connection.Masker.Add(tokenValue);
            var account = RequireAccount();
            var va = RequireVirtualAccount(virtualAccount);
            var body = new JObject { ["tokens"] = new JArray(tokenValue) };
            var json = await CallAsync(HttpMethod.Post, InferredEndpoints.RevokeTokens(account, va), () => JsonContent(body), false,
                $"revoke a token of '{va}'", account, va, confirmed: false, ct, feature: "token revocation").ConfigureAwait(false);
            var results = JsonFields.Array(json, "tokens", "results");
            var mine = results?.OfType<JObject>().FirstOrDefault(r => JsonFields.String(r, "token") == tokenValue) ?? results?.OfType<JObject>().FirstOrDefault();
            var status = JsonFields.String(mine, "status");
            if (status != null && !status.Equals("SUCCESS", StringComparison.OrdinalIgnoreCase) && !status.Equals("REVOKED", StringComparison.OrdinalIgnoreCase))
            {
                var said = _connection.Mask(JsonFields.String(mine, "statusMessage", "message") ?? status);
                if (said.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0)
                    throw new SsmOnPremException(OnPremErrorIds.TokenNotFound, SsmErrorKind.ObjectNotFound, $"The local virtual account '{va}' has no such token ({said}).", "List the tokens with Get-SsmToken -IncludeExpired and pipe the one to revoke.") { Target = va };
                throw new SsmOnPremException(OnPremErrorIds.RequestRejected, SsmErrorKind.InvalidOperation, $"SSM On-Prem did not revoke the token: {said}.", "Check the token's state with Get-SsmToken -IncludeExpired.") { Target = va };
            }
            _log.Verbose(_connection.Mask($"Revoked token ****{Tail(tokenValue)} in '{va}'"));
        }

        internal static string Tail(string value) => value.Length < 8 ? "" : value.Substring(value.Length - 4);

        private OnPremToken ReadToken(JObject o, string account, string va)
        {
            var token = new OnPremToken
            {
                Value = JsonFields.String(o, InferredEndpoints.TokenValueFields),
                Account = account,
                VirtualAccount = JsonFields.String(o, "virtualAccount", "virtualAccountName") ?? va,
                Description = JsonFields.String(o, "description"),
                CreatedBy = JsonFields.String(o, "createdBy"),
                CreatedOn = JsonFields.Date(o, InferredEndpoints.TokenCreatedFields),
                ExpiresOn = JsonFields.Date(o, InferredEndpoints.TokenExpiryFields),
                ExportControlled = JsonFields.Allowed(o, "exportControlled"),
                MaxUses = JsonFields.Int(o, InferredEndpoints.TokenMaxUsesFields),
                UsesRemaining = JsonFields.Int(o, InferredEndpoints.TokenUsesRemainingFields),
                Status = JsonFields.String(o, "status")?.Trim().ToUpperInvariant(),
                Server = _connection.Server,
            };
            _connection.Masker.Add(token.Value);
            if (token.Status == null || token.Status == "VALID")
            {
                token.Status = token.ExpiresOn.HasValue && token.ExpiresOn.Value <= DateTimeOffset.UtcNow ? "EXPIRED"
                    : token.UsesRemaining == 0 ? "EXHAUSTED" : "ACTIVE";
            }
            return token;
        }

        // ---- plumbing ----

        internal string RequireAccount()
        {
            if (!string.IsNullOrEmpty(_connection.Account)) return _connection.Account;
            throw new SsmOnPremException(OnPremErrorIds.AccountNotFound, SsmErrorKind.InvalidArgument, "The connection has no local account.", "Reconnect with Connect-SsmOnPrem -Account <local account name>.");
        }

        internal string RequireVirtualAccount(string virtualAccount)
        {
            if (!string.IsNullOrWhiteSpace(virtualAccount)) return virtualAccount;
            if (!string.IsNullOrEmpty(_connection.VirtualAccount)) return _connection.VirtualAccount;
            throw new SsmOnPremException(OnPremErrorIds.VirtualAccountRequired, SsmErrorKind.InvalidArgument,
                "No local virtual account was named and the connection has no default.", "Pass -VirtualAccount, or connect with Connect-SsmOnPrem -VirtualAccount <name>.");
        }

        private static HttpContent JsonContent(JObject body) => new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");

        /// <summary>
        /// One authenticated API call: bearer token (refreshed before expiry), one retry with a fresh token on 401,
        /// retries and error mapping from the transport, and a diagnosis of 404 (unknown account, unknown LVA, or an
        /// endpoint this server does not have).
        /// </summary>
        private async Task<JToken> CallAsync(HttpMethod method, string relative, Func<HttpContent> content, bool idempotent, string doing,
            string account, string va, bool confirmed, CancellationToken ct, string feature = null)
        {
            var response = await SendAuthenticatedAsync(method, relative, content, idempotent, doing, ct).ConfigureAwait(false);
            if (response.Code == 404)
            {
                throw await DiagnoseNotFoundAsync(account, va, confirmed, feature ?? doing, ct).ConfigureAwait(false);
            }
            if (response.Code == 405) throw NotSupported(feature ?? doing, "Do it in the On-Prem UI instead.");
            if (!response.IsSuccess) throw Transport.StatusError(response, doing);
            return Transport.ParseJson(response, _log);
        }

        private async Task<OnPremTransport.Response> SendAuthenticatedAsync(HttpMethod method, string relative, Func<HttpContent> content, bool idempotent, string doing, CancellationToken ct)
        {
            var auth = _connection.Authenticator;
            for (var attempt = 1; ; attempt++)
            {
                var bearer = await auth.GetAccessTokenAsync(attempt > 1, _log, ct).ConfigureAwait(false);
                var response = await Transport.SendAsync(() =>
                {
                    var request = new HttpRequestMessage(method, auth.ApiRoot + relative);
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
                    if (content != null) request.Content = content();
                    return request;
                }, idempotent, _log, ct).ConfigureAwait(false);
                if (response.Code != 401 || attempt > 1)
                {
                    if (response.Code == 401)
                        throw new SsmOnPremException(OnPremErrorIds.AuthenticationFailed, SsmErrorKind.AuthenticationError,
                            $"SSM On-Prem refused a freshly issued access token while trying to {doing} (HTTP 401).",
                            "Check that the API client is still active in the On-Prem UI (API Toolkit), then reconnect with Connect-SsmOnPrem.") { Target = _connection.BaseUri.ToString() };
                    return response;
                }
                _log.Verbose($"HTTP 401 while trying to {doing}: refreshing the access token once");
            }
        }

        private SsmOnPremException NotSupported(string feature, string action) =>
            new SsmOnPremException(OnPremErrorIds.EndpointNotSupported, SsmErrorKind.NotImplemented,
                $"This SSM On-Prem does not expose {feature} through its API.", action) { Target = _connection.BaseUri.ToString() };

        /// <summary>Inferred GET of the LVA list; null when the server has no such endpoint or no such account (404).</summary>
        private async Task<IReadOnlyList<VirtualAccount>> TryListVirtualAccountsAsync(string account, CancellationToken ct)
        {
            var response = await SendAuthenticatedAsync(HttpMethod.Get, InferredEndpoints.VirtualAccounts(account), null, true, "list local virtual accounts", ct).ConfigureAwait(false);
            if (response.Code == 404 || response.Code == 405) return null;
            if (!response.IsSuccess) throw Transport.StatusError(response, "list local virtual accounts");
            var json = Transport.ParseJson(response, _log);
            var array = JsonFields.Array(json, "virtualAccounts", "virtual_accounts", "accounts");
            if (array == null) throw Transport.InvalidResponse(response, "the answer has no virtualAccounts list");
            return array.OfType<JObject>().Select(o => new VirtualAccount
            {
                Name = JsonFields.String(o, "name", "virtualAccountName"),
                Description = JsonFields.String(o, "description"),
                CsluTenant = TenantFrom(JsonFields.String(o, InferredEndpoints.TenantFields), JsonFields.String(o, "name", "virtualAccountName")),
                Account = account,
                Server = _connection.Server,
            }).Where(v => v.Name != null).ToList();
        }

        /// <summary>Inferred GET of the account list; null when the server has no such endpoint.</summary>
        private async Task<IReadOnlyList<string>> TryListAccountsAsync(CancellationToken ct)
        {
            var response = await SendAuthenticatedAsync(HttpMethod.Get, InferredEndpoints.Accounts, null, true, "list local accounts", ct).ConfigureAwait(false);
            if (response.Code == 404 || !response.IsSuccess) return null;
            JToken json;
            try { json = Transport.ParseJson(response, _log); }
            catch (SsmOnPremException) { return null; }
            return JsonFields.Array(json, "accounts")?.OfType<JObject>().Select(o => JsonFields.String(o, "name", "accountName")).Where(n => n != null).ToList();
        }

        private async Task ThrowAccountNotFoundIfUnknownAsync(string account, CancellationToken ct)
        {
            var accounts = await TryListAccountsAsync(ct).ConfigureAwait(false);
            if (accounts != null && !accounts.Contains(account, StringComparer.Ordinal))
                throw new SsmOnPremException(OnPremErrorIds.AccountNotFound, SsmErrorKind.ObjectNotFound,
                    $"SSM On-Prem has no local account '{account}'. Accounts this API client can see: {NameList(accounts)}.",
                    "Reconnect with Connect-SsmOnPrem -Account set to one of those names (exact spelling).") { Target = account };
        }

        /// <summary>Works out what a 404 meant: unknown account, unknown LVA, or an endpoint the server does not have.</summary>
        private async Task<SsmOnPremException> DiagnoseNotFoundAsync(string account, string va, bool confirmed, string feature, CancellationToken ct)
        {
            var lvas = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
            if (lvas == null) await ThrowAccountNotFoundIfUnknownAsync(account, ct).ConfigureAwait(false);
            if (va != null && lvas != null && !lvas.Any(v => string.Equals(v.Name, va, StringComparison.Ordinal)))
                return new SsmOnPremException(OnPremErrorIds.VirtualAccountNotFound, SsmErrorKind.ObjectNotFound,
                    $"The local account '{account}' has no local virtual account '{va}'. Its virtual accounts: {NameList(lvas.Select(v => v.Name))}.",
                    "Use -VirtualAccount with one of those names, or create it with New-SsmVirtualAccount.") { Target = va };
            if (confirmed)
            {
                return va != null
                    ? new SsmOnPremException(OnPremErrorIds.VirtualAccountNotFound, SsmErrorKind.ObjectNotFound,
                        $"SSM On-Prem answered 404 for the local virtual account '{va}' of '{account}' (this server cannot list them to say which exist).",
                        "Check both names in the On-Prem UI (Smart Licensing > Inventory) and their exact spelling.") { Target = va }
                    : new SsmOnPremException(OnPremErrorIds.AccountNotFound, SsmErrorKind.ObjectNotFound,
                        $"SSM On-Prem answered 404 for the local account '{account}'.", "Check the local account name in the On-Prem UI and reconnect with -Account.") { Target = account };
            }
            return NotSupported(feature, "Do it in the On-Prem UI instead.");
        }

        private static string NameList(IEnumerable<string> names)
        {
            var list = names.Select(n => "'" + n + "'").ToList();
            return list.Count == 0 ? "(none)" : string.Join(", ", list);
        }

        /// <summary>
        /// Connect-time check: fills in the account when the client sees exactly one, and verifies the account and
        /// default LVA where the server can list them.
        /// </summary>
        internal async Task ResolveAccountAsync(CancellationToken ct)
        {
            if (string.IsNullOrEmpty(_connection.Account))
            {
                var accounts = await TryListAccountsAsync(ct).ConfigureAwait(false);
                if (accounts == null || accounts.Count != 1)
                    throw new SsmOnPremException(OnPremErrorIds.AccountNotFound, SsmErrorKind.InvalidArgument,
                        accounts == null ? "No local account was given and this SSM On-Prem cannot list them." : $"No local account was given and this API client sees several: {NameList(accounts)}.",
                        "Connect with -Account <local account name> (On-Prem UI: the account the API client was created in).");
                _connection.Account = accounts[0];
                _log.Verbose($"Using the only local account: '{accounts[0]}'");
            }
            var lvas = await TryListVirtualAccountsAsync(_connection.Account, ct).ConfigureAwait(false);
            if (lvas == null)
            {
                await ThrowAccountNotFoundIfUnknownAsync(_connection.Account, ct).ConfigureAwait(false);
                _log.Verbose("This server cannot list local virtual accounts: names are checked on first use");
                return;
            }
            if (!string.IsNullOrEmpty(_connection.VirtualAccount) && !lvas.Any(v => string.Equals(v.Name, _connection.VirtualAccount, StringComparison.Ordinal)))
                throw new SsmOnPremException(OnPremErrorIds.VirtualAccountNotFound, SsmErrorKind.ObjectNotFound,
                    $"The local account '{_connection.Account}' has no local virtual account '{_connection.VirtualAccount}'. Its virtual accounts: {NameList(lvas.Select(v => v.Name))}.",
                    "Connect with -VirtualAccount set to one of those names, or create it with New-SsmVirtualAccount.") { Target = _connection.VirtualAccount };
        }
    }
}
