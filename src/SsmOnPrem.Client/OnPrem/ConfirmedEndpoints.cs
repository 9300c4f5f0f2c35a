using System;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// SSM On-Prem API calls confirmed by public working clients (Cisco's ez-register scripts, an Ansible module, an
    /// NSO package; see DESIGN.md §4). Paths are relative to the API root ("api/v1/" or "backend/api/v1/").
    ///   POST {prefix}/oauth/token                                   client credentials (OnPremAuthenticator)
    ///   GET  accounts/{account}/virtual-accounts/{va}/tokens         -> {"tokens":[{"token":...}]}
    ///   POST accounts/{account}/virtual-accounts/{va}/tokens         {"description","expiresAfterDays","exportControlled"} -> {"tokenInfo":{"token":...}}
    ///   POST accounts/{account}/virtual-accounts                     form name, description
    /// Device-facing URLs: https://HOST/Transportgateway/services/DeviceRequestHandler, https://HOST/SmartTransport,
    /// https://HOST/cslu/v1/pi/{LVA name URL-encoded}-{n}.
    /// </summary>
    internal static class ConfirmedEndpoints
    {
        internal static string Escape(string segment) => Uri.EscapeDataString(segment);

        internal static string VirtualAccounts(string account) => $"accounts/{Escape(account)}/virtual-accounts";
        internal static string Tokens(string account, string va) => $"accounts/{Escape(account)}/virtual-accounts/{Escape(va)}/tokens";

        internal const string CallHomePath = "/Transportgateway/services/DeviceRequestHandler";
        internal const string SmartTransportPath = "/SmartTransport";
        internal const string CsluPathPrefix = "/cslu/v1/pi/";

        /// <summary>Create-token body fields (confirmed).</summary>
        internal const string ExportAllowed = "Allowed";
        internal const string ExportNotAllowed = "Not Allowed";
    }
}
