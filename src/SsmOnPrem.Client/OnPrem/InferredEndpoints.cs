namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// What no public client of the real SSM On-Prem shows (docs/onprem-api.md marks these "inferred"). Each is read
    /// tolerantly; a 404/405 becomes EndpointNotSupported ("this SSM On-Prem does not expose X through its API").
    /// Keep every guess in this file.
    /// </summary>
    internal static class InferredEndpoints
    {
        /// <summary>Older GET of the local accounts; tried only when POST upstream_satellites/accounts answers 404/405.</summary>
        internal const string AccountsFallback = "accounts";

        /// <summary>GET status / POST trigger -> {"status","lastSynchronization","mode"} (nothing public; the UI has Synchronization).</summary>
        internal static string Synchronization(string account) => $"accounts/{ConfirmedEndpoints.Escape(account)}/synchronization";

        /// <summary>
        /// The create-token field for a use limit. No public client sets one; a commented-out line in one (A) reads
        /// "numberofUses". Sent only when the user asks for a limit, and a limit is reported only if the server echoes it.
        /// </summary>
        internal const string MaxUsesField = "numberofUses";

        /// <summary>Per-token fields beyond "token": no public source shows them, so each is optional.</summary>
        internal static readonly string[] TokenValueFields = { "token", "tokenString", "value" };
        internal static readonly string[] TokenExpiryFields = { "expirationDate", "expiresOn", "expiration", "expiryDate" };
        internal static readonly string[] TokenCreatedFields = { "creationDate", "createdOn", "created" };
        internal static readonly string[] TokenUsesRemainingFields = { "usesRemaining", "remainingUses" };
        internal static readonly string[] TokenMaxUsesFields = { MaxUsesField, "maxUses", "maxUsesAllowed" };

        /// <summary>Token status words that mean "cannot be used any more" (the only ones the default listing hides).</summary>
        internal static readonly string[] DeadTokenStatuses = { "EXPIRED", "REVOKED", "EXHAUSTED", "USED", "INACTIVE", "DISABLED" };
    }
}
