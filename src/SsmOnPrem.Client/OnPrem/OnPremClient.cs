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
    /// The SSM On-Prem operations as plain C#: local accounts, virtual accounts, ID tokens, transport URLs, product
    /// instances, licenses, synchronization (docs/onprem-api.md lists each call and its public source). Cheap to create
    /// (one per cmdlet call or workflow); the <see cref="OnPremConnection"/> carries the session. Every failure is an
    /// <see cref="SsmOnPremException"/> with an ErrorId from <see cref="OnPremErrorIds"/>.
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

        internal string ApiUrl(string relative) =>
            new Uri(_connection.BaseUri, (_connection.ApiPrefix == ApiPrefix.Backend ? "backend/api/v1/" : "api/v1/") + relative).AbsoluteUri;

        internal static string Tail(string value) => value.Length < 8 ? "" : value.Substring(value.Length - 4);

        internal string RequireAccount()
        {
            if (!string.IsNullOrEmpty(_connection.Account)) return CheckName(_connection.Account);
            throw new SsmOnPremException(OnPremErrorIds.AccountRequired, SsmErrorKind.InvalidArgument, "The connection has no local account.", "Reconnect with Connect-SsmOnPrem -Account <local account name>.");
        }

        internal string RequireVirtualAccount(string virtualAccount)
        {
            if (!string.IsNullOrWhiteSpace(virtualAccount)) return CheckName(virtualAccount);
            if (!string.IsNullOrEmpty(_connection.VirtualAccount)) return CheckName(_connection.VirtualAccount);
            throw new SsmOnPremException(OnPremErrorIds.VirtualAccountRequired, SsmErrorKind.InvalidArgument,
                "No local virtual account was named and the connection has no default.", "Pass -VirtualAccount, or connect with Connect-SsmOnPrem -VirtualAccount <name>.");
        }

        /// <summary>Refuses '.' and '..' before any URL is built from them (they would walk the API path).</summary>
        internal static string CheckName(string name)
        {
            ConfirmedEndpoints.Escape(name);
            return name;
        }

        private static HttpContent JsonContent(JObject body) => new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");

        /// <summary>A failure after which a create may or may not have happened (the server got the request).</summary>
        private static bool IsAmbiguous(SsmOnPremException ex) =>
            ex.ErrorId == OnPremErrorIds.ServerError || ex.ErrorId == OnPremErrorIds.ServerUnavailable
            || ex.ErrorId == OnPremErrorIds.RequestTimeout || ex.ErrorId == OnPremErrorIds.ConnectionLost;

        /// <summary>
        /// One authenticated API call: the transport's retries and error mapping, one renewal of the access token on
        /// 401/403, and a diagnosis of 404 (unknown account, unknown LVA, or an endpoint this server does not have).
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

        /// <summary>
        /// Sends with a bearer token. A 401 or 403 may mean the access token expired (public evidence: a request without
        /// a bearer gets 403; what an expired one gets is unknown), so the token is renewed once and the call repeated;
        /// a second 401 is AuthenticationFailed, a second 403 is returned (PermissionDenied for the caller).
        /// </summary>
        private async Task<OnPremTransport.Response> SendAuthenticatedAsync(HttpMethod method, string relative, Func<HttpContent> content, bool idempotent, string doing, CancellationToken ct)
        {
            var auth = _connection.Authenticator;
            string refused = null;
            for (var attempt = 1; ; attempt++)
            {
                var bearer = await auth.GetAccessTokenAsync(refused, _log, ct).ConfigureAwait(false);
                var response = await Transport.SendAsync(() =>
                {
                    var request = new HttpRequestMessage(method, relative.StartsWith("/", StringComparison.Ordinal) ? relative.Substring(1) : auth.ApiRoot + relative);
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
                    if (content != null) request.Content = content();
                    return request;
                }, idempotent, _log, ct).ConfigureAwait(false);
                if ((response.Code == 401 || response.Code == 403) && attempt == 1)
                {
                    _log.Verbose($"HTTP {response.Code} while trying to {doing}: renewing the access token once (it may have expired)");
                    refused = bearer;
                    continue;
                }
                if (response.Code == 401)
                    throw new SsmOnPremException(OnPremErrorIds.AuthenticationFailed, SsmErrorKind.AuthenticationError,
                        $"SSM On-Prem refused a newly issued access token while trying to {doing} (HTTP 401).",
                        "Check that the API client is still active in the On-Prem UI (API Toolkit), then reconnect with Connect-SsmOnPrem.") { Target = _connection.BaseUri.ToString() };
                return response;
            }
        }

        private SsmOnPremException NotSupported(string feature, string action) =>
            new SsmOnPremException(OnPremErrorIds.EndpointNotSupported, SsmErrorKind.NotImplemented,
                $"This SSM On-Prem does not expose {feature} through its API.", action) { Target = _connection.BaseUri.ToString() };

        /// <summary>Works out what a 404 meant: unknown account, unknown LVA, or an endpoint the server does not have.</summary>
        private async Task<SsmOnPremException> DiagnoseNotFoundAsync(string account, string va, bool confirmed, string feature, CancellationToken ct)
        {
            var lvas = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
            if (lvas == null) await ThrowAccountNotFoundIfUnknownAsync(account, ct).ConfigureAwait(false);
            if (va != null && lvas != null && !lvas.Any(v => string.Equals(v.Name, va, StringComparison.Ordinal)))
                return VirtualAccountNotFound(account, va, lvas, "Use -VirtualAccount with one of those names, or create it with New-SsmVirtualAccount.");
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

        private static SsmOnPremException VirtualAccountNotFound(string account, string va, IEnumerable<VirtualAccount> lvas, string action) =>
            new SsmOnPremException(OnPremErrorIds.VirtualAccountNotFound, SsmErrorKind.ObjectNotFound,
                $"The local account '{account}' has no local virtual account '{va}'. Its virtual accounts: {NameList(lvas.Select(v => v.Name))}.", action) { Target = va };

        internal static string NameList(IEnumerable<string> names)
        {
            var list = names.Select(n => "'" + n + "'").ToList();
            return list.Count == 0 ? "(none)" : string.Join(", ", list);
        }
    }
}
