using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>
    /// A local account of SSM On-Prem, from POST upstream_satellites/accounts (evidence A). Fields the server leaves
    /// out are null.
    /// </summary>
    public sealed class LocalAccount
    {
        public string Name { get; set; }
        public string Domain { get; set; }
        public string AccountId { get; set; }
        /// <summary>The CSLU transport URL (or tenant) of this account, as the server gives it (cslu_tenant_url).</summary>
        public string CsluTenantUrl { get; set; }
        public string CssmSmartAccountId { get; set; }
        public string CssmSmartAccountName { get; set; }
        public string CssmVirtualAccountName { get; set; }
        public string Server { get; set; }
        public override string ToString() => Name;
    }

    /// <summary>A local virtual account (LVA) of an SSM On-Prem local account.</summary>
    public sealed class VirtualAccount
    {
        public string Name { get; set; }
        public string Description { get; set; }
        /// <summary>isDefault as the server says it (evidence A); null when it does not.</summary>
        public bool? IsDefault { get; set; }
        public string Account { get; set; }
        public string Server { get; set; }
        public override string ToString() => Name;
    }

    /// <summary>
    /// A registration (ID) token as the engine sees it. <see cref="Value"/> is the secret devices use; ToString masks it.
    /// The cmdlet layer turns it into SsmOnPrem.Token (SecureString unless -AsPlainText).
    /// </summary>
    public sealed class OnPremToken
    {
        public string Value { get; set; }
        public string Account { get; set; }
        public string VirtualAccount { get; set; }
        public string Description { get; set; }
        public string CreatedBy { get; set; }
        public DateTimeOffset? CreatedOn { get; set; }
        public DateTimeOffset? ExpiresOn { get; set; }
        public bool? ExportControlled { get; set; }
        /// <summary>A use limit only when the server echoed one; null otherwise (even if one was asked for).</summary>
        public int? MaxUses { get; set; }
        /// <summary>The limit this module asked for when it created the token (null: none asked, or not created here).</summary>
        public int? RequestedMaxUses { get; set; }
        /// <summary>Null when the token has no use limit or the server does not say.</summary>
        public int? UsesRemaining { get; set; }
        /// <summary>The server's status word as it came (trimmed); EXPIRED when the server's own expiry date has passed; null when unknown.</summary>
        public string Status { get; set; }
        public string Server { get; set; }

        /// <summary>The last characters only, for telling tokens apart in tables and messages.</summary>
        public string Hint => Value == null || Value.Length < 8 ? "****" : "****" + Value.Substring(Value.Length - 4);
        /// <summary>True only when the server said so (a dead status word, a past expiry, no uses left); unknown is not dead.</summary>
        public bool IsKnownDead =>
            (Status != null && Array.Exists(InferredEndpoints.DeadTokenStatuses, s => s.Equals(Status.Trim(), StringComparison.OrdinalIgnoreCase)))
            || (ExpiresOn.HasValue && ExpiresOn.Value <= DateTimeOffset.UtcNow) || UsesRemaining == 0;
        public override string ToString() => $"ID token {Hint} ({VirtualAccount}, {Status ?? "status unknown"}, expires {(ExpiresOn.HasValue ? ExpiresOn.Value.ToString("yyyy-MM-dd") : "unknown")})";
    }

    /// <summary>What to create: POST .../tokens.</summary>
    public sealed class NewTokenRequest
    {
        public string VirtualAccount { get; set; }
        public string Description { get; set; }
        /// <summary>1..365 (the server's range); default 30.</summary>
        public int ExpiresAfterDays { get; set; } = 30;
        public bool ExportControlled { get; set; }
        /// <summary>Null: no limit field is sent at all (no public client sends one).</summary>
        public int? MaxUses { get; set; }
    }

    /// <summary>A device-facing URL for one transport.</summary>
    public sealed class TransportUrl
    {
        public TransportType Type { get; set; }
        /// <summary>The URL to give the device, percent-encoding kept (an account name with spaces stays %20).</summary>
        public string Url { get; set; }
        public string VirtualAccount { get; set; }
        /// <summary>CSLU only: the local account whose tenant this is.</summary>
        public string Account { get; set; }
        /// <summary>CSLU only: the tenant path segment as sent to devices (percent-encoded).</summary>
        public string Tenant { get; set; }
        /// <summary>Where the tenant came from: "server" (the account's cslu_tenant_url) or "parameter"; null for fixed paths.</summary>
        public string TenantSource { get; set; }
        public override string ToString() => Url;
    }

    public sealed class ProductInstanceAlert
    {
        public string Message { get; set; }
        public string Severity { get; set; }
        public DateTimeOffset? RaisedOn { get; set; }
        public override string ToString() => Message;
    }

    /// <summary>The secure unique device identifier of a product instance (the "sudi" object, evidence A).</summary>
    public sealed class ProductInstanceSudi
    {
        public string UdiPid { get; set; }
        public string UdiSerialNumber { get; set; }
        public string UdiVid { get; set; }
        public string Suvi { get; set; }
        public string Uuid { get; set; }
        public string HostIdentifier { get; set; }
        public string MacAddress { get; set; }
        public override string ToString() => $"PID:{UdiPid},SN:{UdiSerialNumber}";
    }

    /// <summary>A product instance (device) as SSM On-Prem sees it.</summary>
    public sealed class ProductInstance
    {
        /// <summary>instanceName (evidence A).</summary>
        public string Name { get; set; }
        /// <summary>productTagName (evidence A); needed to move the instance.</summary>
        public string ProductTag { get; set; }
        /// <summary>sudi.udiPid.</summary>
        public string ProductId { get; set; }
        /// <summary>sudi.udiSerialNumber.</summary>
        public string SerialNumber { get; set; }
        public ProductInstanceSudi Sudi { get; set; }
        public string Udi { get; set; }
        public string VirtualAccount { get; set; }
        public string Transport { get; set; }
        public DateTimeOffset? RegisteredOn { get; set; }
        public DateTimeOffset? TrustedOn { get; set; }
        public DateTimeOffset? LastReportOn { get; set; }
        public bool? ExportControlled { get; set; }
        public IReadOnlyList<ProductInstanceAlert> Alerts { get; set; } = Array.Empty<ProductInstanceAlert>();
        internal ProductInstance Copy() => (ProductInstance)MemberwiseClone();
        public override string ToString() => Name ?? Udi;
    }

    /// <summary>One license of a local virtual account (POST accounts/{a}/licenses, evidence A).</summary>
    public sealed class License
    {
        public string Name { get; set; }
        public string VirtualAccount { get; set; }
        /// <summary>The server's words, e.g. "In Compliance", "Out Of Compliance".</summary>
        public string Status { get; set; }
        public int? Purchased { get; set; }
        public int? InUse { get; set; }
        public int? Balance { get; set; }
        public string Account { get; set; }
        public override string ToString() => $"{Name} ({Status})";
    }

    /// <summary>One row of Test-SsmOnPremApi: does this server answer that endpoint?</summary>
    public sealed class ApiProbeResult
    {
        public string Endpoint { get; set; }
        public string Method { get; set; }
        public string Path { get; set; }
        /// <summary>Supported, NotSupported, Error, or Skipped.</summary>
        public string Result { get; set; }
        public int? StatusCode { get; set; }
        public string Detail { get; set; }
        /// <summary>A public source letter from docs/onprem-api.md, or "inferred".</summary>
        public string Evidence { get; set; }
        public override string ToString() => $"{Endpoint}: {Result}";
    }

    /// <summary>On-Prem ↔ CSSM synchronization state.</summary>
    public sealed class SynchronizationStatus
    {
        public string Account { get; set; }
        public string Status { get; set; }
        public DateTimeOffset? LastSynchronization { get; set; }
        public string Mode { get; set; }
        public bool Triggered { get; set; }
    }
}
