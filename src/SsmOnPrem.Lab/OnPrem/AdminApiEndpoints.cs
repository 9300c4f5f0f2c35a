using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SsmOnPrem.Lab.OnPrem
{
    // The admin REST API (real product: port 8443), under one prefix ("" or "/backend"), in the shapes public clients
    // of the real product use. The letter after each fact is its source in docs/onprem-api.md; "inferred" means no
    // public source shows it.
    internal sealed partial class OnPremHandlers
    {
        private void MapAdminApi(WebApplication app, string prefix)
        {
            app.MapPost(prefix + "/oauth/token", IssueAccessToken);                                                   // B, C, D, F
            var api = prefix + "/api/v1/";
            if (!_options.LegacyAccountList)
                app.MapPost(api + "upstream_satellites/accounts", Authenticated((ctx, _) => ListAccounts(ctx), needsAccount: false)); // A
            else
                app.MapGet(api + "accounts", Authenticated((ctx, _) => ListAccounts(ctx), needsAccount: false));      // inferred (older servers)
            var accounts = api + "accounts";
            app.MapGet(accounts + "/{account}/virtual-accounts", Authenticated(ListVirtualAccounts));                  // A
            app.MapPost(accounts + "/{account}/virtual-accounts", Authenticated(CreateVirtualAccount));                // A (JSON), E (form)
            app.MapPost(accounts + "/{account}/virtual-accounts/{va}/delete", Authenticated(DeleteVirtualAccount));    // A
            app.MapGet(accounts + "/{account}/virtual-accounts/{va}/tokens", Authenticated(ListTokens));               // A, B, C
            app.MapPost(accounts + "/{account}/virtual-accounts/{va}/tokens", Authenticated(CreateToken));             // A-D
            app.MapGet(accounts + "/{account}/virtual-accounts/{va}/devices", Authenticated(ListDevices));             // A
            app.MapPost(accounts + "/{account}/devices/transfer", Authenticated(TransferDevices));                     // A
            app.MapPost(accounts + "/{account}/licenses", Authenticated(ListLicenses));                                // A
            if (_options.InferredEndpoints)
            {
                app.MapPost(accounts + "/{account}/virtual-accounts/{va}/tokens/revoke", Authenticated(RevokeTokens)); // A (commented out: weak)
                app.MapGet(accounts + "/{account}/synchronization", Authenticated(GetSynchronization));                // inferred
                app.MapPost(accounts + "/{account}/synchronization", Authenticated(Synchronize));                      // inferred
            }
        }

        /// <summary>client_credentials (B, C, D) or password (A, E), as JSON, form or query. Only access_token is returned: nothing public shows expires_in.</summary>
        private async Task IssueAccessToken(HttpContext context)
        {
            var p = await ReadParameters(context.Request);
            p.TryGetValue("grant_type", out var grant);
            p.TryGetValue("client_id", out var id);
            p.TryGetValue("client_secret", out var secret);
            if (grant != "client_credentials" && grant != "password")
            {
                await WriteJson(context, 400, new { error = "unsupported_grant_type", error_description = "grant_type must be client_credentials or password" });
                return;
            }
            if (id != _options.ClientId || secret != _options.ClientSecret)
            {
                await WriteJson(context, 401, new { error = "invalid_client", error_description = "Bad client credentials" });
                return;
            }
            if (grant == "password")
            {
                p.TryGetValue("username", out var user);
                p.TryGetValue("password", out var password);
                if (user != _options.UserName || password != _options.UserPassword)
                {
                    await WriteJson(context, 400, new { error = "invalid_grant", error_description = "Bad credentials" });
                    return;
                }
            }
            var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            lock (_state.Gate)
            {
                _state.AccessTokens[value] = new IssuedAccessToken { Account = _options.Account, ExpiresOn = DateTimeOffset.UtcNow.AddSeconds(_options.AccessTokenLifetimeSeconds) };
            }
            await WriteJson(context, 200, new Dictionary<string, object> { ["access_token"] = value });
        }

        /// <summary>Bearer check (no bearer: 403, D; expired or unknown: 403 too unless ExpiredBearerStatus says 401), then the account.</summary>
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
                    if (_options.ExpiredBearerStatus == 401) context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                    await WriteJson(context, _options.ExpiredBearerStatus, new { error = _options.ExpiredBearerStatus == 401 ? "invalid_token" : "Forbidden", message = "Access token expired" });
                    return;
                }
                EmulatedAccount account = null;
                if (needsAccount)
                {
                    var name = Segment(context, "account");
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
            var name = Segment(context, "va");
            lock (_state.Gate) return account.VirtualAccounts.FirstOrDefault(v => v.Name == name);
        }

        /// <summary>A route value as the client meant it: Kestrel decodes every escape in a path except %2F ('/').</summary>
        private static string Segment(HttpContext context, string key) =>
            ((string)context.Request.RouteValues[key])?.Replace("%2F", "/").Replace("%2f", "/");

        private static Task VirtualAccountNotFound(HttpContext context) =>
            WriteJson(context, 404, new { error = "not_found", message = $"Virtual account '{Segment(context, "va")}' not found" });

        /// <summary>{"accounts":[{account_id, domain, name, cslu_tenant_url, cssm_*}]} (A). The tenant URL uses the host the caller used.</summary>
        private Task ListAccounts(HttpContext context)
        {
            var origin = $"https://{context.Request.Host}";
            lock (_state.Gate)
            {
                var list = _state.Accounts.Select(a => new Dictionary<string, object>
                {
                    ["account_id"] = a.Id,
                    ["domain"] = a.Domain,
                    ["name"] = a.Name,
                    ["cslu_tenant_url"] = _options.ReportTenantUrl ? origin + "/cslu/v1/pi/" + a.CsluTenant : null,
                    ["cssm_smart_account_id"] = 1000 + a.Id,
                    ["cssm_smart_account_name"] = a.Name + " (CSSM)",
                    ["cssm_virtual_account_name"] = "DEFAULT",
                }).ToList();
                return WriteJson(context, 200, new { accounts = list });
            }
        }

        /// <summary>{"virtualAccounts":[{"name","isDefault",...}]} (A).</summary>
        private Task ListVirtualAccounts(HttpContext context, EmulatedAccount account)
        {
            lock (_state.Gate)
            {
                var list = account.VirtualAccounts.Select(v => new { name = v.Name, isDefault = v.IsDefault, description = v.Description }).ToList();
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

        /// <summary>POST .../{va}/delete (A). The response shape is not public; this one says what happened.</summary>
        private Task DeleteVirtualAccount(HttpContext context, EmulatedAccount account)
        {
            var va = FindVirtualAccount(context, account);
            if (va == null) return VirtualAccountNotFound(context);
            lock (_state.Gate)
            {
                if (va.IsDefault) throw new BadRequestException($"The default virtual account '{va.Name}' cannot be deleted");
                if (_state.ProductInstances.Any(p => p.Account == account.Name && p.VirtualAccount == va.Name && p.RegisteredOn != null))
                    throw new BadRequestException($"Virtual account '{va.Name}' still has product instances");
                account.VirtualAccounts.Remove(va);
            }
            return WriteJson(context, 200, new { status = "SUCCESS", statusMessage = $"Virtual account '{va.Name}' deleted" });
        }

        // Only "token" is public (A, B, C); the other fields are what the UI shows, kept so the client's tolerant reading is exercised.
        private static object TokenJson(EmulatedToken t, DateTimeOffset now) => new
        {
            token = t.Value,
            description = t.Description,
            createdBy = t.CreatedBy,
            creationDate = Iso(t.CreatedOn),
            expirationDate = Iso(t.ExpiresOn),
            exportControlled = t.ExportControlled ? "Allowed" : "Not Allowed",
            status = t.Status(now),
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

        /// <summary>{"description","expiresAfterDays" (integer C or string D),"exportControlled"} -> {"tokenInfo":{"token"}} (A-D).</summary>
        private async Task CreateToken(HttpContext context, EmulatedAccount account)
        {
            var va = FindVirtualAccount(context, account);
            if (va == null) { await VirtualAccountNotFound(context); return; }
            var p = await ReadParameters(context.Request);
            var days = 30;
            if (p.TryGetValue("expiresAfterDays", out var d) && d != null && (!int.TryParse(d, out days) || days < 1 || days > 365))
                throw new BadRequestException("expiresAfterDays must be between 1 and 365");
            int? maxUses = null;
            // The use-limit field is unknown; "numberofUses" is the one commented-out line in A. The limit is enforced but not echoed.
            if (p.TryGetValue("numberofUses", out var m) && !string.IsNullOrEmpty(m))
            {
                if (!int.TryParse(m, out var mu) || mu < 1) throw new BadRequestException("numberofUses must be a positive number");
                maxUses = mu;
            }
            p.TryGetValue("exportControlled", out var ec);
            if (ec != null && ec != "Allowed" && ec != "Not Allowed") throw new BadRequestException("exportControlled must be 'Allowed' or 'Not Allowed'");
            p.TryGetValue("description", out var description);
            var token = _state.AddToken(va.Name, days, maxUses, ec == "Allowed", description, account.Name);
            await WriteJson(context, 200, new { tokenInfo = new { token = token.Value } });
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

        /// <summary>{"devices":[{instanceName, productTagName, sudi:{udiPid, udiSerialNumber, udiVid, suvi, uuid, hostIdentifier, macAddress}}]} (A); the rest is inferred.</summary>
        private Task ListDevices(HttpContext context, EmulatedAccount account)
        {
            var va = FindVirtualAccount(context, account);
            if (va == null) return VirtualAccountNotFound(context);
            lock (_state.Gate)
            {
                var list = _state.ProductInstances
                    .Where(p => p.Account == account.Name && p.VirtualAccount == va.Name)
                    .Select(p => new
                    {
                        instanceName = p.Hostname,
                        productTagName = p.ProductTag,
                        sudi = new { udiPid = p.Pid, udiSerialNumber = p.SerialNumber, udiVid = "V01", suvi = "", uuid = p.Uuid, hostIdentifier = (string)null, macAddress = (string)null },
                        virtualAccount = p.VirtualAccount,
                        transport = p.Transport, registrationDate = Iso(p.RegisteredOn), trustDate = Iso(p.TrustedOn),
                        lastReportDate = Iso(p.LastReportOn), exportControlled = p.ExportControlled ? "Allowed" : "Not Allowed",
                        alerts = _state.Alerts.Where(a => a.Udi == p.Udi && a.VirtualAccount == va.Name)
                            .Select(a => new { message = a.Message, severity = a.Severity, date = Iso(a.RaisedOn) }).ToList(),
                    }).ToList();
                return WriteJson(context, 200, new { devices = list });
            }
        }

        /// <summary>{"productInstances":[{"sudi":{...},"productTagName","targetVirtualAccount"}]} (A); the answer's shape is not public.</summary>
        private async Task TransferDevices(HttpContext context, EmulatedAccount account)
        {
            var body = await ReadJsonNode(context.Request) as JsonObject;
            var items = (body?["productInstances"] as JsonArray)?.OfType<JsonObject>().ToList();
            if (items == null || items.Count == 0) throw new BadRequestException("productInstances is required");
            var results = new List<object>();
            lock (_state.Gate)
            {
                foreach (var item in items)
                {
                    var serial = (string)item["sudi"]?["udiSerialNumber"];
                    var target = (string)item["targetVirtualAccount"];
                    var pi = _state.ProductInstances.FirstOrDefault(p => p.Account == account.Name && string.Equals(p.SerialNumber, serial, StringComparison.OrdinalIgnoreCase));
                    var va = account.VirtualAccounts.FirstOrDefault(v => v.Name == target);
                    if (pi == null || va == null)
                    {
                        results.Add(new { sudi = new { udiSerialNumber = serial }, status = "FAILED", statusMessage = pi == null ? "Product instance not found" : $"Virtual account '{target}' not found" });
                        continue;
                    }
                    pi.VirtualAccount = va.Name;
                    results.Add(new { sudi = new { udiSerialNumber = serial }, status = "SUCCESS", statusMessage = $"Transferred to '{va.Name}'" });
                }
            }
            await WriteJson(context, 200, new { productInstances = results });
        }

        /// <summary>{"virtualAccounts":[va]} -> {"licenses":[{"license","status",...}]} (A); counts are inferred (from usage reports here).</summary>
        private async Task ListLicenses(HttpContext context, EmulatedAccount account)
        {
            var body = await ReadJsonNode(context.Request) as JsonObject;
            var wanted = (body?["virtualAccounts"] as JsonArray)?.Select(n => (string)n).ToList() ?? new List<string>();
            var result = new List<object>();
            lock (_state.Gate)
            {
                foreach (var va in account.VirtualAccounts.Where(v => wanted.Count == 0 || wanted.Contains(v.Name)))
                {
                    var inUse = _state.ProductInstances.Where(p => p.Account == account.Name && p.VirtualAccount == va.Name)
                        .SelectMany(p => p.LastUsage).GroupBy(u => u.Name ?? u.EntitlementTag).ToDictionary(g => g.Key, g => g.Sum(u => u.Count));
                    foreach (var name in inUse.Keys.Union(_options.PurchasedLicenses.Keys).OrderBy(n => n, StringComparer.Ordinal))
                    {
                        inUse.TryGetValue(name, out var used);
                        _options.PurchasedLicenses.TryGetValue(name, out var bought);
                        result.Add(new { license = name, virtualAccount = va.Name, status = used > bought ? "Out Of Compliance" : "In Compliance", quantity = bought, inUse = used, balance = bought - used });
                    }
                }
            }
            await WriteJson(context, 200, new { licenses = result });
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
