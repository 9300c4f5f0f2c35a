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
    // Local accounts and local virtual accounts.
    public sealed partial class OnPremClient
    {
        /// <summary>The local accounts this API client sees (POST upstream_satellites/accounts; older GET accounts on 404/405).</summary>
        public async Task<IReadOnlyList<LocalAccount>> GetLocalAccountsAsync(CancellationToken ct = default)
        {
            var list = await TryListAccountsAsync(ct).ConfigureAwait(false);
            if (list != null) return list;
            throw NotSupported("listing local accounts", "See them in the On-Prem UI (Accounts), and connect with -Account <name>.");
        }

        /// <summary>The local account list, or null when the server has neither endpoint (or refuses this client).</summary>
        private async Task<IReadOnlyList<LocalAccount>> TryListAccountsAsync(CancellationToken ct)
        {
            var response = await SendAuthenticatedAsync(HttpMethod.Post, ConfirmedEndpoints.LocalAccounts, () => JsonContent(new JObject()), true, "list local accounts", ct).ConfigureAwait(false);
            if (response.Code == 404 || response.Code == 405)
            {
                _log.Verbose($"No POST {ConfirmedEndpoints.LocalAccounts} (HTTP {response.Code}): trying the older GET {InferredEndpoints.AccountsFallback}");
                response = await SendAuthenticatedAsync(HttpMethod.Get, InferredEndpoints.AccountsFallback, null, true, "list local accounts", ct).ConfigureAwait(false);
            }
            if (!response.IsSuccess) return null;
            var array = JsonFields.Array(Transport.ParseJson(response, _log), "accounts", "localAccounts");
            if (array == null) throw Transport.InvalidResponse(response, "the answer has no accounts list");
            return array.OfType<JObject>().Select(o => new LocalAccount
            {
                Name = JsonFields.String(o, "name", "accountName"),
                Domain = JsonFields.String(o, "domain"),
                AccountId = JsonFields.String(o, "account_id", "accountId", "id"),
                CsluTenantUrl = JsonFields.String(o, "cslu_tenant_url", "csluTenantUrl"),
                CssmSmartAccountId = JsonFields.String(o, "cssm_smart_account_id", "cssmSmartAccountId"),
                CssmSmartAccountName = JsonFields.String(o, "cssm_smart_account_name", "cssmSmartAccountName"),
                CssmVirtualAccountName = JsonFields.String(o, "cssm_virtual_account_name", "cssmVirtualAccountName"),
                Server = _connection.Server,
            }).Where(a => a.Name != null).ToList();
        }

        /// <summary>The account called <paramref name="nameOrDomain"/>: exact name, then name or domain ignoring case.</summary>
        internal static LocalAccount Match(IReadOnlyList<LocalAccount> accounts, string nameOrDomain) =>
            accounts.FirstOrDefault(a => string.Equals(a.Name, nameOrDomain, StringComparison.Ordinal))
            ?? accounts.FirstOrDefault(a => string.Equals(a.Name, nameOrDomain, StringComparison.OrdinalIgnoreCase))
            ?? accounts.FirstOrDefault(a => string.Equals(a.Domain, nameOrDomain, StringComparison.OrdinalIgnoreCase));

        private static string Describe(IEnumerable<LocalAccount> accounts)
        {
            var list = accounts.Select(a => a.Domain == null ? $"'{a.Name}'" : $"'{a.Name}' (domain {a.Domain})").ToList();
            return list.Count == 0 ? "(none)" : string.Join(", ", list);
        }

        private async Task ThrowAccountNotFoundIfUnknownAsync(string account, CancellationToken ct)
        {
            var accounts = await TryListAccountsAsync(ct).ConfigureAwait(false);
            if (accounts != null && Match(accounts, account) == null)
                throw new SsmOnPremException(OnPremErrorIds.AccountNotFound, SsmErrorKind.ObjectNotFound,
                    $"SSM On-Prem has no local account '{account}'. Accounts this API client can see: {Describe(accounts)}.",
                    "Reconnect with Connect-SsmOnPrem -Account set to one of those names or domains.") { Target = account };
        }

        /// <summary>
        /// Connect-time check: picks the only local account when none was given (or lists the candidates), matches
        /// -Account by name or domain, keeps the account record (its CSLU tenant), and checks the default LVA.
        /// </summary>
        internal async Task ResolveAccountAsync(CancellationToken ct)
        {
            var accounts = await TryListAccountsAsync(ct).ConfigureAwait(false);
            LocalAccount match = null;
            if (string.IsNullOrEmpty(_connection.Account))
            {
                if (accounts == null)
                    throw new SsmOnPremException(OnPremErrorIds.AccountRequired, SsmErrorKind.InvalidArgument,
                        "No local account was given and this SSM On-Prem does not list them to this API client.",
                        "Connect with -Account <local account name> (On-Prem UI: the account the API client was created in).");
                if (accounts.Count != 1)
                    throw new SsmOnPremException(OnPremErrorIds.AccountRequired, SsmErrorKind.InvalidArgument,
                        accounts.Count == 0 ? "No local account was given and this API client sees none." : $"No local account was given and this API client sees several: {Describe(accounts)}.",
                        "Connect with -Account set to one of those names or domains.");
                match = accounts[0];
                _log.Verbose($"Using the only local account: '{match.Name}'");
            }
            else if (accounts != null)
            {
                CheckName(_connection.Account);
                match = Match(accounts, _connection.Account);
                if (match == null)
                    throw new SsmOnPremException(OnPremErrorIds.AccountNotFound, SsmErrorKind.ObjectNotFound,
                        $"SSM On-Prem has no local account '{_connection.Account}'. Accounts this API client can see: {Describe(accounts)}.",
                        "Reconnect with Connect-SsmOnPrem -Account set to one of those names or domains.") { Target = _connection.Account };
                if (match.Name != _connection.Account) _log.Verbose($"-Account '{_connection.Account}' is the local account '{match.Name}'");
            }
            else
            {
                CheckName(_connection.Account);
                _log.Verbose("This server does not list local accounts: the account name is checked on first use");
            }
            if (match != null)
            {
                _connection.Account = match.Name;
                _connection.LocalAccount = match;
            }
            if (_connection.VirtualAccount != null) CheckName(_connection.VirtualAccount);
            var lvas = await TryListVirtualAccountsAsync(_connection.Account, ct).ConfigureAwait(false);
            if (lvas == null)
            {
                await ThrowAccountNotFoundIfUnknownAsync(_connection.Account, ct).ConfigureAwait(false);
                _log.Verbose("This server cannot list local virtual accounts: names are checked on first use");
                return;
            }
            if (!string.IsNullOrEmpty(_connection.VirtualAccount) && !lvas.Any(v => string.Equals(v.Name, _connection.VirtualAccount, StringComparison.Ordinal)))
                throw VirtualAccountNotFound(_connection.Account, _connection.VirtualAccount, lvas, "Connect with -VirtualAccount set to one of those names, or create it with New-SsmVirtualAccount.");
        }

        /// <summary>Lists the local virtual accounts (GET, evidence A).</summary>
        public async Task<IReadOnlyList<VirtualAccount>> GetVirtualAccountsAsync(CancellationToken ct = default)
        {
            var account = RequireAccount();
            var list = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
            if (list != null) return list;
            await ThrowAccountNotFoundIfUnknownAsync(account, ct).ConfigureAwait(false);
            throw NotSupported("listing local virtual accounts", "See them in the On-Prem UI (Smart Licensing > Inventory).");
        }

        /// <summary>GET of the LVA list; null when the server answers 404/405 (no such endpoint, or no such account).</summary>
        private async Task<IReadOnlyList<VirtualAccount>> TryListVirtualAccountsAsync(string account, CancellationToken ct)
        {
            var response = await SendAuthenticatedAsync(HttpMethod.Get, ConfirmedEndpoints.VirtualAccounts(account), null, true, "list local virtual accounts", ct).ConfigureAwait(false);
            if (response.Code == 404 || response.Code == 405) return null;
            if (!response.IsSuccess) throw Transport.StatusError(response, "list local virtual accounts");
            var array = JsonFields.Array(Transport.ParseJson(response, _log), "virtualAccounts", "virtual_accounts");
            if (array == null) throw Transport.InvalidResponse(response, "the answer has no virtualAccounts list");
            var list = array.OfType<JObject>().Select(o => new VirtualAccount
            {
                Name = JsonFields.String(o, "name", "virtualAccountName"),
                Description = JsonFields.String(o, "description"),
                IsDefault = JsonFields.Allowed(o, "isDefault"),
                Account = account,
                Server = _connection.Server,
            }).Where(v => v.Name != null).ToList();
            _connection.Remember(list.Select(v => v.Name));
            return list;
        }

        /// <summary>POST accounts/{account}/virtual-accounts with form name, description (A, E). Not repeated after an ambiguous failure.</summary>
        public async Task<VirtualAccount> CreateVirtualAccountAsync(string name, string description, CancellationToken ct = default)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A virtual account needs a name.", nameof(name));
            CheckName(name);
            var account = RequireAccount();
            var fields = new Dictionary<string, string> { ["name"] = name, ["description"] = description ?? "" };
            try
            {
                await CallAsync(HttpMethod.Post, ConfirmedEndpoints.VirtualAccounts(account), () => new FormUrlEncodedContent(fields), false,
                    $"create the local virtual account '{name}'", account, null, confirmed: true, ct).ConfigureAwait(false);
            }
            catch (SsmOnPremException ex) when (IsAmbiguous(ex))
            {
                _log.Verbose($"Creating '{name}' failed ambiguously ({ex.ErrorId}): looking for it before doing anything else");
                var lvas = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
                if (lvas == null || !lvas.Any(v => string.Equals(v.Name, name, StringComparison.Ordinal))) throw;
                _log.Verbose($"The server did create '{name}' despite the error");
            }
            _connection.Remember(new[] { name });
            return new VirtualAccount { Name = name, Description = description, Account = account, Server = _connection.Server };
        }

        /// <summary>POST .../virtual-accounts/{va}/delete (evidence A).</summary>
        public async Task RemoveVirtualAccountAsync(string name, CancellationToken ct = default)
        {
            var account = RequireAccount();
            var va = RequireVirtualAccount(name);
            try
            {
                await CallAsync(HttpMethod.Post, ConfirmedEndpoints.DeleteVirtualAccount(account, va), () => JsonContent(new JObject()), false,
                    $"delete the local virtual account '{va}'", account, va, confirmed: true, ct, feature: "deleting local virtual accounts").ConfigureAwait(false);
            }
            catch (SsmOnPremException ex) when (IsAmbiguous(ex))
            {
                var lvas = await TryListVirtualAccountsAsync(account, ct).ConfigureAwait(false);
                if (lvas == null || lvas.Any(v => string.Equals(v.Name, va, StringComparison.Ordinal))) throw;
                _log.Verbose($"The server did delete '{va}' despite the error");
            }
            _log.Verbose($"Deleted the local virtual account '{va}' of '{account}'");
        }

        public string DescribeCreateVirtualAccount(string name, string description) =>
            $"POST {ApiUrl(ConfirmedEndpoints.VirtualAccounts(RequireAccount()))} (form: name={name}, description={description})";
        public string DescribeRemoveVirtualAccount(string name) =>
            $"POST {ApiUrl(ConfirmedEndpoints.DeleteVirtualAccount(RequireAccount(), RequireVirtualAccount(name)))}";
    }
}
