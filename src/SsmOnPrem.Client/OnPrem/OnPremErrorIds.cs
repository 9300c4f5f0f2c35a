namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>The stable ErrorIds of the On-Prem client (users and tests match on them; never rename one).</summary>
    public static class OnPremErrorIds
    {
        public const string AuthenticationFailed = "AuthenticationFailed";     // 400/401 from /oauth/token, or a fresh access token refused
        public const string PermissionDenied = "PermissionDenied";             // 403: API toolkit disabled, client not allowed on the account
        public const string AccountNotFound = "AccountNotFound";               // 404 on the local account (message lists the ones that exist)
        public const string VirtualAccountNotFound = "VirtualAccountNotFound"; // 404 on the local virtual account (message lists the ones that exist)
        public const string VirtualAccountRequired = "VirtualAccountRequired"; // no -VirtualAccount and no default on the connection
        public const string TokenNotFound = "TokenNotFound";                   // revoke of a token the LVA does not have
        public const string EndpointNotSupported = "EndpointNotSupported";     // the server does not expose that through its API
        public const string TenantIdRequired = "TenantIdRequired";             // the server cannot tell the CSLU tenant id
        public const string RequestRejected = "RequestRejected";               // 400 from the API (bad value); carries the server's reason
        public const string ServerBusy = "ServerBusy";                         // 409/429 after retries
        public const string ServerUnavailable = "ServerUnavailable";           // 502/503/504 after retries (booting, proxy)
        public const string ServerError = "ServerError";                       // 500 (and other 5xx) after retries
        public const string ServerUnreachable = "ServerUnreachable";           // DNS, refused, no route
        public const string ConnectionLost = "ConnectionLost";                 // connection dropped mid-request
        public const string RequestTimeout = "RequestTimeout";                 // -TimeoutSec passed
        public const string InvalidServerResponse = "InvalidServerResponse";   // malformed JSON or unexpected shape
        public const string CertificateMismatch = "CertificateMismatch";       // pinned thumbprint differs from the server's
        public const string CertificateUntrusted = "CertificateUntrusted";     // chain or name validation failed
        public const string InvalidThumbprint = "InvalidThumbprint";           // -ServerCertificateThumbprint is not a SHA-1/SHA-256 hex
        public const string InvalidServerAddress = "InvalidServerAddress";     // -Server is not a host name or https URL
        public const string InvalidTokenRequest = "InvalidTokenRequest";       // -ExpiresAfterDays / -MaxUses out of range
        public const string NotConnected = "NotConnected";                     // no -Connection and no default connection
        public const string AccountRequired = "AccountRequired";               // no -Account and the API client sees several local accounts
        public const string InvalidName = "InvalidName";                       // '.' or '..' as an account or virtual account name
        public const string CreateOutcomeUnknown = "CreateOutcomeUnknown";     // a create failed ambiguously (5xx, timeout) and the result could not be found
        public const string ProductInstanceNotFound = "ProductInstanceNotFound"; // a transfer names a device the server does not list
    }
}
