using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SsmOnPrem.Lab.OnPrem
{
    // The admin REST API (real product: port 8443), under one prefix ("" or "/backend").
    // Confirmed shapes (DESIGN.md §4): /oauth/token, GET/POST .../virtual-accounts/{va}/tokens, POST .../virtual-accounts.
    // Inferred (modelled on CSSM smart-accounts-and-licensing v2, mirrored by the client's InferredEndpoints.cs):
    // GET accounts, GET virtual-accounts, POST tokens/revoke, GET devices, GET/POST synchronization.
    internal sealed partial class OnPremHandlers
    {
        private void MapAdminApi(WebApplication app, string prefix)
        {
            app.MapPost(prefix + "/oauth/token", IssueAccessToken);
            var api = prefix + "/api/v1/accounts";
            if (_options.InferredEndpoints)
            {
                app.MapGet(api, Authenticated((ctx, _) => ListAccounts(ctx), needsAccount: false));
                app.MapGet(api + "/{account}/virtual-accounts", Authenticated(ListVirtualAccounts));
                app.MapPost(api + "/{account}/virtual-accounts/{va}/tokens/revoke", Authenticated(RevokeTokens));
                app.MapGet(api + "/{account}/virtual-accounts/{va}/devices", Authenticated(ListDevices));
                app.MapGet(api + "/{account}/synchronization", Authenticated(GetSynchronization));
                app.MapPost(api + "/{account}/synchronization", Authenticated(Synchronize));
            }
            app.MapPost(api + "/{account}/virtual-accounts", Authenticated(CreateVirtualAccount));
            app.MapGet(api + "/{account}/virtual-accounts/{va}/tokens", Authenticated(ListTokens));
            app.MapPost(api + "/{account}/virtual-accounts/{va}/tokens", Authenticated(CreateToken));
        }

        private async Task IssueAccessToken(HttpContext context)
        {
            var p = await ReadParameters(context.Request);
            p.TryGetValue("grant_type", out var grant);
            p.TryGetValue("client_id", out var id);
            p.TryGetValue("client_secret", out var secret);
            if (grant != "client_credentials")
            {
                await WriteJson(context, 400, new { error = "unsupported_grant_type", error_description = "grant_type must be client_credentials" });
                return;
            }
            if (id != _options.ClientId || secret != _options.ClientSecret)
            {
                await WriteJson(context, 401, new { error = "invalid_client", error_description = "Bad client credentials" });
                return;
            }
            var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            lock (_state.Gate)
            {
                _state.AccessTokens[value] = new IssuedAccessToken { Account = _options.Account, ExpiresOn = DateTimeOffset.UtcNow.AddSeconds(_options.AccessTokenLifetimeSeconds) };
            }
            await WriteJson(context, 200, new Dictionary<string, object>
            {
                ["access_token"] = value,
                ["token_type"] = "Bearer",
                ["expires_in"] = _options.AccessTokenLifetimeSeconds,
                ["scope"] = "read write",
            });
        }

        /// <summary>Bearer check (403 without credentials, as the real product; 401 for an expired/unknown token), then the account.</summary>
        private RequestDelegate Authenticated(Func<HttpContext, EmulatedAccount, Task> handler, bool needsAccount = true)
        {
            return async context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    await WriteJson(context, 403, new { error = "Forbidden", message = "Full authentication is required to access this resource" });
                    return;
                }
                var bearer = header.Substring(7).Trim();
                bool valid;
                lock (_state.Gate)
                {
                    _state.ApiCalls++;
                    valid = _state.AccessTokens.TryGetValue(bearer, out var issued) && !issued.Revoked && issued.ExpiresOn > DateTimeOffset.UtcNow;
                    if (valid && _faults.UnauthorizedAfterCalls > 0 && ++issued.Calls > _faults.UnauthorizedAfterCalls)
                    {
                        issued.Revoked = true;
                        valid = false;
                    }
                }
                if (!valid)
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                    await WriteJson(context, 401, new { error = "invalid_token", error_description = "Access token expired" });
                    return;
                }
                EmulatedAccount account = null;
                if (needsAccount)
                {
                    var name = (string)context.Request.RouteValues["account"];
                    lock (_state.Gate) account = _state.FindAccount(name);
                    if (account == null)
                    {
                        await WriteJson(context, 404, new { error = "not_found", message = $"Account '{name}' not found" });
                        return;
                    }
                }
                try
                {
                    await handler(context, account);
                }
                catch (BadRequestException ex)
                {
                    await WriteJson(context, 400, new { error = "bad_request", message = ex.Message });
                }
            };
        }

        private EmulatedVirtualAccount FindVirtualAccount(HttpContext context, EmulatedAccount account)
        {
            var name = (string)context.Request.RouteValues["va"];
            lock (_state.Gate) return account.VirtualAccounts.FirstOrDefault(v => v.Name == name);
        }

        private static Task VirtualAccountNotFound(HttpContext context) =>
            WriteJson(context, 404, new { error = "not_found", message = $"Virtual account '{context.Request.RouteValues["va"]}' not found" });

        private Task ListAccounts(HttpContext context)
        {
            lock (_state.Gate)
            {
                var list = _state.Accounts.Select(a => new { name = a.Name, id = a.Id }).ToList();
                return WriteJson(context, 200, new { accounts = list });
            }
        }

        private Task ListVirtualAccounts(HttpContext context, EmulatedAccount account)
        {
            lock (_state.Gate)
            {
                var list = account.VirtualAccounts.Select(v => new
                {
                    name = v.Name,
                    description = v.Description,
                    tenantId = _options.ReportTenantId ? Uri.EscapeDataString(v.Name) + "-" + account.Id : null,
                }).ToList();
                return WriteJson(context, 200, new { virtualAccounts = list });
            }
        }

        private async Task CreateVirtualAccount(HttpContext context, EmulatedAccount account)
        {
            var p = await ReadParameters(context.Request);
            p.TryGetValue("name", out var name);
            p.TryGetValue("description", out var description);
            if (string.IsNullOrWhiteSpace(name)) throw new BadRequestException("name is required");
            lock (_state.Gate)
            {
                if (account.VirtualAccounts.Any(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)))
                    throw new BadRequestException($"Virtual account '{name}' already exists");
                account.VirtualAccounts.Add(new EmulatedVirtualAccount { Name = name, Description = description ?? "" });
            }
            await WriteJson(context, 200, new { status = "SUCCESS", statusMessage = $"Virtual account '{name}' created", name, description });
        }

        private static object TokenJson(EmulatedToken t, DateTimeOffset now) => new
        {
            token = t.Value,
            description = t.Description,
            createdBy = t.CreatedBy,
            creationDate = Iso(t.CreatedOn),
            expirationDate = Iso(t.ExpiresOn),
            exportControlled = t.ExportControlled ? "Allowed" : "Not Allowed",
            status = t.Status(now),
            maxUses = t.MaxUses,
            uses = t.Uses,
            usesRemaining = t.UsesRemaining,
        };

        private Task ListTokens(HttpContext context, EmulatedAccount account)
        {
            var va = FindVirtualAccount(context, account);
            if (va == null) return VirtualAccountNotFound(context);
            var now = DateTimeOffset.UtcNow;
            lock (_state.Gate)
            {
                var list = _state.Tokens.Where(t => t.Account == account.Name && t.VirtualAccount == va.Name).Select(t => TokenJson(t, now)).ToList();
                return WriteJson(context, 200, new { tokens = list });
            }
        }

        private async Task CreateToken(HttpContext context, EmulatedAccount account)
        {
            var va = FindVirtualAccount(context, account);
            if (va == null) { await VirtualAccountNotFound(context); return; }
            var p = await ReadParameters(context.Request);
            var days = 30;
            if (p.TryGetValue("expiresAfterDays", out var d) && d != null && (!int.TryParse(d, out days) || days < 1 || days > 365))
                throw new BadRequestException("expiresAfterDays must be between 1 and 365");
            int? maxUses = null;
            if (p.TryGetValue("maxUses", out var m) && !string.IsNullOrEmpty(m))
            {
                if (!int.TryParse(m, out var mu) || mu < 1) throw new BadRequestException("maxUses must be a positive number");
                maxUses = mu;
            }
            p.TryGetValue("exportControlled", out var ec);
            if (ec != null && ec != "Allowed" && ec != "Not Allowed") throw new BadRequestException("exportControlled must be 'Allowed' or 'Not Allowed'");
            p.TryGetValue("description", out var description);
            var token = _state.AddToken(va.Name, days, maxUses, ec == "Allowed", description, account.Name);
            await WriteJson(context, 200, new { tokenInfo = TokenJson(token, DateTimeOffset.UtcNow) });
        }

        private async Task RevokeTokens(HttpContext context, EmulatedAccount account)
        {
            var va = FindVirtualAccount(context, account);
            if (va == null) { await VirtualAccountNotFound(context); return; }
            var body = await ReadJsonNode(context.Request) as JsonObject;
            var values = (body?["tokens"] as JsonArray)?.Select(n => (string)n).ToList() ?? new List<string>();
            if (values.Count == 0) throw new BadRequestException("tokens is required");
            var results = new List<object>();
            var now = DateTimeOffset.UtcNow;
            lock (_state.Gate)
            {
                foreach (var value in values)
                {
                    var token = _state.Tokens.FirstOrDefault(t => t.Value == value && t.Account == account.Name && t.VirtualAccount == va.Name);
                    if (token == null) { results.Add(new { token = value, status = "FAILED", statusMessage = "Token not found" }); continue; }
                    token.Revoked = true;
                    token.RevokedOn ??= now;
                    results.Add(new { token = value, status = "SUCCESS", statusMessage = "Token revoked" });
                }
            }
            await WriteJson(context, 200, new { tokens = results });
        }

        private Task ListDevices(HttpContext context, EmulatedAccount account)
        {
            var va = FindVirtualAccount(context, account);
            if (va == null) return VirtualAccountNotFound(context);
            var name = context.Request.Query["name"].ToString();
            var serial = context.Request.Query["serialNumber"].ToString();
            lock (_state.Gate)
            {
                var list = _state.ProductInstances
                    .Where(p => p.Account == account.Name && p.VirtualAccount == va.Name)
                    .Where(p => string.IsNullOrEmpty(name) || string.Equals(p.Hostname, name, StringComparison.OrdinalIgnoreCase))
                    .Where(p => string.IsNullOrEmpty(serial) || string.Equals(p.SerialNumber, serial, StringComparison.OrdinalIgnoreCase))
                    .Select(p => new
                    {
                        hostname = p.Hostname, productId = p.Pid, serialNumber = p.SerialNumber, udi = p.Udi,
                        platform = p.Platform, softwareVersion = p.Release, virtualAccount = p.VirtualAccount,
                        transport = p.Transport, registrationDate = Iso(p.RegisteredOn), trustDate = Iso(p.TrustedOn),
                        lastReportDate = Iso(p.LastReportOn), exportControlled = p.ExportControlled ? "Allowed" : "Not Allowed",
                        alerts = _state.Alerts.Where(a => a.Udi == p.Udi && a.VirtualAccount == va.Name)
                            .Select(a => new { message = a.Message, severity = a.Severity, date = Iso(a.RaisedOn) }).ToList(),
                    }).ToList();
                return WriteJson(context, 200, new { totalRecords = list.Count, devices = list });
            }
        }

        private Task GetSynchronization(HttpContext context, EmulatedAccount account)
        {
            lock (_state.Gate)
                return WriteJson(context, 200, new { status = _state.LastSynchronization == null ? "NEVER" : "COMPLETED", lastSynchronization = Iso(_state.LastSynchronization), mode = "NETWORK" });
        }

        private Task Synchronize(HttpContext context, EmulatedAccount account)
        {
            lock (_state.Gate)
            {
                _state.LastSynchronization = DateTimeOffset.UtcNow;
                return WriteJson(context, 200, new { status = "COMPLETED", lastSynchronization = Iso(_state.LastSynchronization), mode = "NETWORK" });
            }
        }
    }
}
