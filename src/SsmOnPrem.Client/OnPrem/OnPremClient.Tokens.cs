using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    // Registration (ID) tokens: create, list, revoke. Only "token" is known per token (docs/onprem-api.md): every
    // other field is null unless the server sends it.
    public sealed partial class OnPremClient
    {
        /// <summary>
        /// POST .../tokens (A-D). The use-limit field is sent only when <see cref="NewTokenRequest.MaxUses"/> is set.
        /// After an ambiguous failure (5xx, timeout, dropped connection) the create is not simply repeated: the token is
        /// looked up by its description first, and created again only if it is not there.
        /// </summary>
        public async Task<OnPremToken> CreateTokenAsync(NewTokenRequest request, CancellationToken ct = default)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (request.ExpiresAfterDays < 1 || request.ExpiresAfterDays > 365)
                throw new SsmOnPremException(OnPremErrorIds.InvalidTokenRequest, SsmErrorKind.InvalidArgument, $"A token expires after 1 to 365 days, not {request.ExpiresAfterDays}.", "Use -ExpiresAfterDays between 1 and 365.");
            if (request.MaxUses.HasValue && request.MaxUses.Value < 1)
                throw new SsmOnPremException(OnPremErrorIds.InvalidTokenRequest, SsmErrorKind.InvalidArgument, $"A token allows at least one use, not {request.MaxUses}.", "Use -MaxUses 1 or more, or leave it out for no limit.");
            var account = RequireAccount();
            var va = RequireVirtualAccount(request.VirtualAccount);
            var sent = new NewTokenRequest
            {
                VirtualAccount = va, ExpiresAfterDays = request.ExpiresAfterDays, ExportControlled = request.ExportControlled, MaxUses = request.MaxUses,
                // A description is how a token is found again after an ambiguous failure: make one up when none was given.
                Description = string.IsNullOrWhiteSpace(request.Description)
                    ? "SsmOnPrem " + DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z " + Guid.NewGuid().ToString("N").Substring(0, 6)
                    : request.Description,
            };
            // A description the user chose may already be on other tokens: remember those so they are not mistaken for ours.
            var before = string.IsNullOrWhiteSpace(request.Description) ? null : await TryTokenValuesAsync(account, va, ct).ConfigureAwait(false);
            JToken json;
            try
            {
                json = await PostCreateTokenAsync(account, va, sent, ct).ConfigureAwait(false);
            }
            catch (SsmOnPremException ex) when (IsAmbiguous(ex))
            {
                var found = await FindCreatedTokenAsync(account, va, sent.Description, before, ex, ct).ConfigureAwait(false);
                if (found != null) return Finish(found, sent);
                _log.Verbose($"No token with the description '{sent.Description}' exists: creating it again, once");
                json = await PostCreateTokenAsync(account, va, sent, ct).ConfigureAwait(false);
            }
            var info = JsonFields.First(json as JObject, "tokenInfo", "token");
            var entry = info as JObject ?? (info != null ? new JObject { ["token"] = info } : null);
            var token = entry == null ? null : ReadToken(entry, account, va);
            if (token?.Value == null) throw Transport.InvalidResponse(new OnPremTransport.Response { Method = "POST", Path = ConfirmedEndpoints.Tokens(account, va) }, "the answer has no tokenInfo.token");
            return Finish(token, sent);
        }

        private Task<JToken> PostCreateTokenAsync(string account, string va, NewTokenRequest sent, CancellationToken ct) =>
            CallAsync(HttpMethod.Post, ConfirmedEndpoints.Tokens(account, va), () => JsonContent(CreateTokenBody(sent)), false,
                $"create a token in '{va}'", account, va, confirmed: true, ct);

        private OnPremToken Finish(OnPremToken token, NewTokenRequest sent)
        {
            token.Description = token.Description ?? sent.Description;
            token.ExportControlled = token.ExportControlled ?? sent.ExportControlled;
            token.RequestedMaxUses = sent.MaxUses;
            if (sent.MaxUses.HasValue && token.MaxUses == null)
                _log.Verbose($"Asked for a limit of {sent.MaxUses} uses ('{InferredEndpoints.MaxUsesField}'); the server did not confirm a limit, so none is reported (MaxUses empty): treat the token as possibly unlimited");
            _log.Verbose($"Created {token}");
            return token;
        }

        private async Task<HashSet<string>> TryTokenValuesAsync(string account, string va, CancellationToken ct)
        {
            try { return new HashSet<string>((await GetTokensAsync(va, true, ct).ConfigureAwait(false)).Select(t => t.Value), StringComparer.Ordinal); }
            catch (SsmOnPremException) { return null; }
        }

        /// <summary>After an ambiguous create: the one new token with our description, null if there is none, an error if it cannot tell.</summary>
        private async Task<OnPremToken> FindCreatedTokenAsync(string account, string va, string description, HashSet<string> before, SsmOnPremException failure, CancellationToken ct)
        {
            _log.Verbose($"Creating a token failed ambiguously ({failure.ErrorId}): looking for it by its description before creating again");
            IReadOnlyList<OnPremToken> tokens;
            try { tokens = await GetTokensAsync(va, true, ct).ConfigureAwait(false); }
            catch (SsmOnPremException listing)
            {
                throw new SsmOnPremException(OnPremErrorIds.CreateOutcomeUnknown, SsmErrorKind.ResourceUnavailable,
                    $"Creating a token in '{va}' failed ({failure.Message}) and the tokens could not be listed to see whether it was created ({listing.Message}).",
                    $"Check Get-SsmToken -VirtualAccount '{va}' -IncludeExpired for a token described '{description}' before creating another.", failure) { Target = va };
            }
            var mine = tokens.Where(t => t.Description == description && (before == null || !before.Contains(t.Value))).ToList();
            if (mine.Count == 1)
            {
                _log.Verbose($"The server did create the token ({mine[0].Hint}) despite the error: not creating another");
                return mine[0];
            }
            if (mine.Count > 1)
                throw new SsmOnPremException(OnPremErrorIds.CreateOutcomeUnknown, SsmErrorKind.ResourceUnavailable,
                    $"Creating a token in '{va}' failed ({failure.Message}) and {mine.Count} tokens are described '{description}' ({string.Join(", ", mine.Select(t => t.Hint))}): which one was created cannot be told.",
                    "Revoke the ones you do not want (Get-SsmToken -IncludeExpired | Revoke-SsmToken) and create one with a distinct -Description.", failure) { Target = va };
            return null;
        }

        /// <summary>The JSON the create call sends (also what -WhatIf shows). The use-limit field appears only with a limit.</summary>
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

        public string DescribeRevokeToken(string virtualAccount, string tokenHint) =>
            $"POST {ApiUrl(ConfirmedEndpoints.RevokeTokens(RequireAccount(), RequireVirtualAccount(virtualAccount)))} (token {tokenHint})";

        /// <summary>GET .../tokens (A-C). Hides only tokens known to be dead unless <paramref name="includeInactive"/>.</summary>
        public async Task<IReadOnlyList<OnPremToken>> GetTokensAsync(string virtualAccount = null, bool includeInactive = false, CancellationToken ct = default)
        {
            var account = RequireAccount();
            var va = RequireVirtualAccount(virtualAccount);
            var json = await CallAsync(HttpMethod.Get, ConfirmedEndpoints.Tokens(account, va), null, true, $"list the tokens of '{va}'", account, va, confirmed: true, ct).ConfigureAwait(false);
            var array = JsonFields.Array(json, "tokens");
            if (array == null) throw Transport.InvalidResponse(new OnPremTransport.Response { Method = "GET", Path = ConfirmedEndpoints.Tokens(account, va) }, "the answer has no tokens list");
            var tokens = array.OfType<JObject>().Select(o => ReadToken(o, account, va)).Where(t => t.Value != null).ToList();
            return includeInactive ? tokens : tokens.Where(t => !t.IsKnownDead).ToList();
        }

        /// <summary>Revokes one token (POST .../tokens/revoke; weak evidence A: a 404 there is EndpointNotSupported).</summary>
        public async Task RevokeTokenAsync(string virtualAccount, string tokenValue, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(tokenValue)) throw new ArgumentException("No token to revoke.", nameof(tokenValue));
            _connection.Masker.Add(tokenValue);
            var account = RequireAccount();
            var va = RequireVirtualAccount(virtualAccount);
            var body = new JObject { ["tokens"] = new JArray(tokenValue) };
            // Revoking twice does no harm, so a 5xx may be retried.
            var json = await CallAsync(HttpMethod.Post, ConfirmedEndpoints.RevokeTokens(account, va), () => JsonContent(body), true,
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
                // The server's word as it came; unknown words are data, not errors.
                Status = JsonFields.String(o, "status")?.Trim(),
                Server = _connection.Server,
            };
            _connection.Masker.Add(token.Value);
            if (string.IsNullOrEmpty(token.Status) && token.ExpiresOn.HasValue && token.ExpiresOn.Value <= DateTimeOffset.UtcNow) token.Status = "EXPIRED";
            if (string.IsNullOrEmpty(token.Status)) token.Status = null;
            return token;
        }
    }
}
