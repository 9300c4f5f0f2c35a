namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// SSM On-Prem API calls that are NOT publicly confirmed for the real product. They are modelled on Cisco's cloud
    /// API, CSSM "smart-accounts-and-licensing" v2 (which On-Prem's API mirrors for tokens and virtual accounts), and
    /// deserialized tolerantly. When a real server answers 404, the client raises EndpointNotSupported ("this SSM
    /// On-Prem does not expose X through its API") rather than failing obscurely. Keep every guess in this file.
    /// </summary>
    internal static class InferredEndpoints
    {
        /// <summary>GET -> {"accounts":[{"name":..,"id":..}]}. Used to list names in AccountNotFound and to pick the only account.</summary>
        internal const string Accounts = "accounts";

        /// <summary>GET -> {"virtualAccounts":[{"name","description","tenantId"?}]} (CSSM v2 lists virtual accounts of an account; POST on the same path is confirmed).</summary>
        internal static string VirtualAccounts(string account) => ConfirmedEndpoints.VirtualAccounts(account);

        /// <summary>POST {"tokens":["..."]} -> {"tokens":[{"token","status":"SUCCESS"|"FAILED","statusMessage"}]} (CSSM v2 "revoke tokens").</summary>
        internal static string RevokeTokens(string account, string va) => ConfirmedEndpoints.Tokens(account, va) + "/revoke";

        /// <summary>GET ?name=&amp;serialNumber= -> {"devices":[{hostname, productId, serialNumber, udi, lastReportDate, alerts:[...]}]} (CSSM v2 product instance search).</summary>
        internal static string ProductInstances(string account, string va) => $"accounts/{ConfirmedEndpoints.Escape(account)}/virtual-accounts/{ConfirmedEndpoints.Escape(va)}/devices";

        /// <summary>GET status / POST trigger -> {"status","lastSynchronization","mode"} (no public equivalent; the UI has Synchronization).</summary>
        internal static string Synchronization(string account) => $"accounts/{ConfirmedEndpoints.Escape(account)}/synchronization";

        /// <summary>Create-token body field for a use limit (the UI has "Max. Number of Uses"; the API field name is a guess). Sent only when asked.</summary>
        internal const string MaxUsesField = "maxUses";

        /// <summary>Fields of a virtual-account entry that may carry the CSLU tenant ("LVA-n", the number, or the whole URL).</summary>
        internal static readonly string[] TenantFields = { "tenantId", "csluTenant", "csluTransportUrl", "transportUrl", "tenant" };

        /// <summary>Token entry fields beyond "token" (CSSM v2 names first).</summary>
        internal static readonly string[] TokenValueFields = { "token", "tokenString", "value" };
        internal static readonly string[] TokenExpiryFields = { "expirationDate", "expiresOn", "expiration", "expiryDate" };
        internal static readonly string[] TokenCreatedFields = { "creationDate", "createdOn", "created" };
        internal static readonly string[] TokenUsesRemainingFields = { "usesRemaining", "remainingUses" };
        internal static readonly string[] TokenMaxUsesFields = { "maxUses", "maxUsesAllowed", "maxUse" };
        internal static readonly string[] ProductInstanceArrays = { "devices", "productInstances", "instances" };
    }
}
