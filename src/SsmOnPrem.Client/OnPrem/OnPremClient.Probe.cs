using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    // Test-SsmOnPremApi: which endpoints this server answers, probed with calls that change nothing.
    public sealed partial class OnPremClient
    {
        /// <summary>
        /// One row per endpoint of docs/onprem-api.md: reads are sent (Supported / NotSupported / Error with the HTTP
        /// status); calls that change something are listed as Skipped, never sent.
        /// </summary>
        public async Task<IReadOnlyList<ApiProbeResult>> ProbeApiAsync(string virtualAccount = null, CancellationToken ct = default)
        {
            var rows = new List<ApiProbeResult>();
            var account = RequireAccount();
            var va = string.IsNullOrWhiteSpace(virtualAccount) ? _connection.VirtualAccount : CheckName(virtualAccount);
            var prefix = _connection.ApiPrefix == ApiPrefix.Backend ? "/backend" : "";
            rows.Add(new ApiProbeResult
            {
                Endpoint = "OAuth token", Method = "POST", Path = prefix + "/oauth/token", Result = "Supported", StatusCode = 200, Evidence = "B, C, D, F",
                Detail = $"{_connection.Grant} grant; prefix {_connection.ApiPrefix}",
            });
            if (va == null)
            {
                var lvas = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
                va = lvas?.FirstOrDefault(v => v.IsDefault == true)?.Name ?? lvas?.FirstOrDefault()?.Name;
            }
            var lvaPath = ConfirmedEndpoints.VirtualAccounts(account);
            string server = null;
            async Task Probe(string endpoint, HttpMethod method, string path, JObject body, string evidence)
            {
                var row = new ApiProbeResult { Endpoint = endpoint, Method = method.Method, Path = path.StartsWith("/", StringComparison.Ordinal) ? path : prefix + "/api/v1/" + path, Evidence = evidence };
                if (body != null) _log.Verbose($"{row.Method} {row.Path} body: {_connection.Mask(JsonRedactor.Redact(body))}");
                try
                {
                    var response = await SendAuthenticatedAsync(method, path, body == null ? null : (Func<HttpContent>)(() => JsonContent(body)), true, "probe " + endpoint, ct).ConfigureAwait(false);
                    row.StatusCode = response.Code;
                    server = server ?? response.ServerHeader;
                    row.Result = response.IsSuccess ? "Supported" : response.Code == 404 || response.Code == 405 || response.Code == 501 ? "NotSupported" : "Error";
                    row.Detail = response.IsSuccess ? null : Transport.ServerMessage(response) ?? $"HTTP {response.Code}";
                }
                catch (SsmOnPremException ex)
                {
                    row.Result = "Error";
                    row.Detail = ex.ErrorId + ": " + _connection.Mask(ex.Message);
                }
                rows.Add(row);
            }
            await Probe("API prefix /api/v1", HttpMethod.Get, "/api/v1/" + lvaPath, null, "A, B, C").ConfigureAwait(false);
            await Probe("API prefix /backend/api/v1", HttpMethod.Get, "/backend/api/v1/" + lvaPath, null, "A, D").ConfigureAwait(false);
            await Probe("Local accounts", HttpMethod.Post, ConfirmedEndpoints.LocalAccounts, new JObject(), "A").ConfigureAwait(false);
            await Probe("Local accounts (older GET)", HttpMethod.Get, InferredEndpoints.AccountsFallback, null, "inferred").ConfigureAwait(false);
            await Probe("Local virtual accounts", HttpMethod.Get, lvaPath, null, "A").ConfigureAwait(false);
            if (va != null)
            {
                await Probe("Tokens", HttpMethod.Get, ConfirmedEndpoints.Tokens(account, va), null, "A, B, C").ConfigureAwait(false);
                await Probe("Product instances", HttpMethod.Get, ConfirmedEndpoints.ProductInstances(account, va), null, "A").ConfigureAwait(false);
                await Probe("Licenses", HttpMethod.Post, ConfirmedEndpoints.Licenses(account), new JObject { ["virtualAccounts"] = new JArray(va) }, "A").ConfigureAwait(false);
            }
            await Probe("Synchronization status", HttpMethod.Get, InferredEndpoints.Synchronization(account), null, "inferred").ConfigureAwait(false);
            var lvaForPaths = va ?? "{va}";
            foreach (var (endpoint, path, evidence) in new[]
            {
                ("Create token", ConfirmedEndpoints.Tokens(account, lvaForPaths), "A, B, C, D"),
                ("Revoke tokens", ConfirmedEndpoints.RevokeTokens(account, lvaForPaths), "A (weak)"),
                ("Create local virtual account", lvaPath, "A, E"),
                ("Delete local virtual account", lvaPath + "/{va}/delete", "A"),
                ("Move product instances", ConfirmedEndpoints.TransferProductInstances(account), "A"),
                ("Start synchronization", InferredEndpoints.Synchronization(account), "inferred"),
            })
            {
                rows.Add(new ApiProbeResult { Endpoint = endpoint, Method = "POST", Path = prefix + "/api/v1/" + path, Result = "Skipped", Evidence = evidence, Detail = "not probed: it would change something" });
            }
            if (server != null) rows.Add(new ApiProbeResult { Endpoint = "Version hint", Method = "-", Path = "-", Result = "Info", Detail = "Server: " + server, Evidence = "-" });
            return rows;
        }
    }
}
