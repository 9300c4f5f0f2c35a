using System;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// SSM On-Prem API calls that public clients of the real product make (docs/onprem-api.md lists each with its
    /// source letter). Paths are relative to the API root ("api/v1/" or "backend/api/v1/").
    /// </summary>
    internal static class ConfirmedEndpoints
    {
        /// <summary>
        /// A path segment, percent-encoded (C, D: "CISCO%20Danish%20LAB"). "." and ".." are refused: they would walk
        /// the path instead of naming an account or virtual account.
        /// </summary>
        internal static string Escape(string segment)
        {
            if (segment == "." || segment == "..")
                throw new SsmOnPremException(OnPremErrorIds.InvalidName, SsmErrorKind.InvalidArgument,
                    $"'{segment}' is not a usable account or virtual account name: it would change the API path.", "Use the account's real name as the On-Prem UI shows it.");
            return Uri.EscapeDataString(segment);
        }

        /// <summary>POST -> {"accounts":[{account_id, domain, name, cslu_tenant_url, cssm_*}]} (A).</summary>
        internal const string LocalAccounts = "upstream_satellites/accounts";

        /// <summary>GET -> {"virtualAccounts":[{name, isDefault, ...}]} (A); POST name, description creates one (A JSON, E form).</summary>
        internal static string VirtualAccounts(string account) => $"accounts/{Escape(account)}/virtual-accounts";
        /// <summary>POST (no body) deletes the virtual account (A).</summary>
        internal static string DeleteVirtualAccount(string account, string va) => $"{VirtualAccounts(account)}/{Escape(va)}/delete";

        /// <summary>GET -> {"tokens":[{"token",...}]}; POST {"description","expiresAfterDays","exportControlled"} -> {"tokenInfo":{"token"}} (A-D).</summary>
        internal static string Tokens(string account, string va) => $"{VirtualAccounts(account)}/{Escape(va)}/tokens";
        /// <summary>POST {"tokens":[value]} (A, commented out: weak evidence).</summary>
        internal static string RevokeTokens(string account, string va) => Tokens(account, va) + "/revoke";

        /// <summary>GET -> {"devices":[{instanceName, productTagName, sudi:{udiPid, udiSerialNumber, ...}}]} (A).</summary>
        internal static string ProductInstances(string account, string va) => $"{VirtualAccounts(account)}/{Escape(va)}/devices";
        /// <summary>POST {"productInstances":[{"sudi","productTagName","targetVirtualAccount"}]} (A).</summary>
        internal static string TransferProductInstances(string account) => $"accounts/{Escape(account)}/devices/transfer";
        /// <summary>POST {"virtualAccounts":[va]} -> {"licenses":[{"license","status",...}]} (A).</summary>
        internal static string Licenses(string account) => $"accounts/{Escape(account)}/licenses";

        internal const string CallHomePath = "/Transportgateway/services/DeviceRequestHandler";
        internal const string SmartTransportPath = "/SmartTransport";
        internal const string CsluPathPrefix = "/cslu/v1/pi/";

        /// <summary>Create-token body values (A-D).</summary>
        internal const string ExportAllowed = "Allowed";
        internal const string ExportNotAllowed = "Not Allowed";
    }
}
