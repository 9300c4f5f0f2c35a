using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>A local virtual account (LVA) of an SSM On-Prem local account.</summary>
    public sealed class VirtualAccount
    {
        public string Name { get; set; }
        public string Description { get; set; }
        public string Account { get; set; }
        /// <summary>The CSLU tenant ("LVA-n") if the server reports it; null otherwise.</summary>
        public string CsluTenant { get; set; }
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
        public int? MaxUses { get; set; }
        /// <summary>Null when the token has no use limit or the server does not say.</summary>
        public int? UsesRemaining { get; set; }
        /// <summary>ACTIVE, EXPIRED, REVOKED, EXHAUSTED, or what the server says (upper case).</summary>
        public string Status { get; set; }
        public string Server { get; set; }

        /// <summary>The last characters only, for telling tokens apart in tables and messages.</summary>
        public string Hint => Value == null || Value.Length < 8 ? "****" : "****" + Value.Substring(Value.Length - 4);
        public bool IsUsable => string.Equals(Status, "ACTIVE", StringComparison.OrdinalIgnoreCase);
        public override string ToString() => $"ID token {Hint} ({VirtualAccount}, {Status}, expires {ExpiresOn:yyyy-MM-dd})";
    }

    /// <summary>What to create: POST .../tokens.</summary>
    public sealed class NewTokenRequest
    {
        public string VirtualAccount { get; set; }
        public string Description { get; set; }
        /// <summary>1..365 (the server's range); default 30.</summary>
        public int ExpiresAfterDays { get; set; } = 30;
        public bool ExportControlled { get; set; }
        /// <summary>Null: no limit (the server's default).</summary>
        public int? MaxUses { get; set; }
    }

    /// <summary>A device-facing URL for one transport.</summary>
    public sealed class TransportUrl
    {
        public TransportType Type { get; set; }
        public Uri Url { get; set; }
        public string VirtualAccount { get; set; }
        /// <summary>CSLU only: the tenant path segment ("URL-encoded LVA name"-"n").</summary>
        public string Tenant { get; set; }
        /// <summary>Where the tenant came from: "server" or "parameter"; null for fixed paths.</summary>
        public string TenantSource { get; set; }
        public override string ToString() => Url?.ToString();
    }

    public sealed class ProductInstanceAlert
    {
        public string Message { get; set; }
        public string Severity { get; set; }
        public DateTimeOffset? RaisedOn { get; set; }
        public override string ToString() => Message;
    }

    /// <summary>A product instance (device) as SSM On-Prem sees it.</summary>
    public sealed class ProductInstance
    {
        public string Name { get; set; }
        public string ProductId { get; set; }
        public string SerialNumber { get; set; }
        public string Udi { get; set; }
        public string VirtualAccount { get; set; }
        public string Transport { get; set; }
        public DateTimeOffset? RegisteredOn { get; set; }
        public DateTimeOffset? TrustedOn { get; set; }
        public DateTimeOffset? LastReportOn { get; set; }
        public bool? ExportControlled { get; set; }
        public IReadOnlyList<ProductInstanceAlert> Alerts { get; set; } = Array.Empty<ProductInstanceAlert>();
        public override string ToString() => Name ?? Udi;
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
