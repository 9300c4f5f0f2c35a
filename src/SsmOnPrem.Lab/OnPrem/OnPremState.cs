using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace SsmOnPrem.Lab.OnPrem
{
    /// <summary>
    /// Everything the emulated SSM On-Prem knows: local accounts, their virtual accounts (LVAs), ID tokens, product
    /// instances, usage reports and alerts. One lock guards it all (the emulator is small; correctness over speed).
    /// Tests and the lab read it through the snapshot methods; never hold the returned objects across requests.
    /// </summary>
    public sealed class OnPremState
    {
        internal readonly object Gate = new object();
        internal readonly List<EmulatedAccount> Accounts = new List<EmulatedAccount>();
        internal readonly List<EmulatedToken> Tokens = new List<EmulatedToken>();
        internal readonly List<EmulatedProductInstance> ProductInstances = new List<EmulatedProductInstance>();
        internal readonly List<EmulatedUsageReport> UsageReports = new List<EmulatedUsageReport>();
        internal readonly List<EmulatedAlert> Alerts = new List<EmulatedAlert>();
        internal readonly Dictionary<string, IssuedAccessToken> AccessTokens = new Dictionary<string, IssuedAccessToken>(StringComparer.Ordinal);
        internal DateTimeOffset? LastSynchronization;
        internal int ApiCalls;

        internal void Seed(OnPremEmulatorOptions options)
        {
            lock (Gate)
            {
                Accounts.Clear(); Tokens.Clear(); ProductInstances.Clear(); UsageReports.Clear(); Alerts.Clear(); AccessTokens.Clear();
                LastSynchronization = null; ApiCalls = 0;
                var account = new EmulatedAccount { Name = options.Account, Id = options.AccountId, Domain = options.Domain };
                foreach (var va in options.VirtualAccounts)
                    account.VirtualAccounts.Add(new EmulatedVirtualAccount { Name = va, Description = "Seeded by the lab", IsDefault = account.VirtualAccounts.Count == 0 });
                Accounts.Add(account);
                foreach (var extra in options.ExtraAccounts ?? new List<string>())
                {
                    var other = new EmulatedAccount { Name = extra, Id = Accounts.Count + 1, Domain = extra.ToLowerInvariant().Replace(' ', '-') + ".example.com" };
                    other.VirtualAccounts.Add(new EmulatedVirtualAccount { Name = "Default", Description = "Seeded by the lab", IsDefault = true });
                    Accounts.Add(other);
                }
            }
        }

        public IReadOnlyList<EmulatedToken> GetTokens() { lock (Gate) return Tokens.Select(t => t.Clone()).ToList(); }
        public IReadOnlyList<EmulatedProductInstance> GetProductInstances() { lock (Gate) return ProductInstances.Select(p => p.Clone()).ToList(); }
        public IReadOnlyList<EmulatedUsageReport> GetUsageReports() { lock (Gate) return UsageReports.ToList(); }
        public IReadOnlyList<EmulatedAlert> GetAlerts() { lock (Gate) return Alerts.ToList(); }
        public IReadOnlyList<string> GetVirtualAccountNames(string account = null)
        {
            lock (Gate) return Accounts.Where(a => account == null || a.Name == account).SelectMany(a => a.VirtualAccounts).Select(v => v.Name).ToList();
        }
        /// <summary>Access tokens handed out so far (tests check none of them leaks).</summary>
        public IReadOnlyList<string> GetAccessTokenValues() { lock (Gate) return AccessTokens.Keys.ToList(); }
        /// <summary>Admin API calls answered so far (excludes /lab and device-facing endpoints).</summary>
        public int ApiCallCount { get { lock (Gate) return ApiCalls; } }

        /// <summary>Creates a token directly (tests and the lab seed tokens without going through the API).</summary>
        public EmulatedToken AddToken(string virtualAccount, int expiresAfterDays = 30, int? maxUses = null, bool exportControlled = false, string description = null, string account = null)
        {
            lock (Gate)
            {
                var acct = account == null ? Accounts[0] : Accounts.First(a => a.Name == account);
                var va = acct.VirtualAccounts.First(v => v.Name == virtualAccount);
                var token = new EmulatedToken
                {
                    Value = NewTokenValue(), Account = acct.Name, VirtualAccount = va.Name, Description = description ?? "",
                    CreatedOn = DateTimeOffset.UtcNow, ExpiresOn = DateTimeOffset.UtcNow.AddDays(expiresAfterDays),
                    ExportControlled = exportControlled, MaxUses = maxUses, CreatedBy = "lab",
                };
                Tokens.Add(token);
                return token.Clone();
            }
        }

        /// <summary>Marks a token expired (tests: "expired token is refused").</summary>
        public void ExpireToken(string value) { lock (Gate) Tokens.First(t => t.Value == value).ExpiresOn = DateTimeOffset.UtcNow.AddMinutes(-1); }

        internal static string NewTokenValue()
        {
            // Real ID tokens are long base64-ish strings with '%0A' separators; device CLIs accept [A-Za-z0-9%=+/-].
            var bytes = new byte[48];
            RandomNumberGenerator.Fill(bytes);
            var s = Convert.ToBase64String(bytes).Replace('+', 'A').Replace('/', 'B').TrimEnd('=');
            return s.Substring(0, 32) + "%0A" + s.Substring(32);
        }

        internal EmulatedAccount FindAccount(string name) => Accounts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
    }

    public sealed class EmulatedAccount
    {
        public string Name { get; set; }
        public int Id { get; set; }
        public string Domain { get; set; }
        /// <summary>The CSLU tenant: percent-encoded account name, '-', account id (G: "CUBE%20Regression%20Mirabile-1").</summary>
        public string CsluTenant => Uri.EscapeDataString(Name) + "-" + Id;
        public List<EmulatedVirtualAccount> VirtualAccounts { get; } = new List<EmulatedVirtualAccount>();
    }

    public sealed class EmulatedVirtualAccount
    {
        public string Name { get; set; }
        public string Description { get; set; }
        public bool IsDefault { get; set; }
    }

    public sealed class EmulatedToken
    {
        public string Value { get; set; }
        public string Account { get; set; }
        public string VirtualAccount { get; set; }
        public string Description { get; set; }
        public string CreatedBy { get; set; }
        public DateTimeOffset CreatedOn { get; set; }
        public DateTimeOffset ExpiresOn { get; set; }
        public bool ExportControlled { get; set; }
        public int? MaxUses { get; set; }
        public int Uses { get; set; }
        public bool Revoked { get; set; }
        public DateTimeOffset? RevokedOn { get; set; }
        public int? UsesRemaining => MaxUses.HasValue ? Math.Max(0, MaxUses.Value - Uses) : (int?)null;

        public string Status(DateTimeOffset now) =>
            Revoked ? "REVOKED" : ExpiresOn <= now ? "EXPIRED" : (MaxUses.HasValue && Uses >= MaxUses.Value) ? "EXHAUSTED" : "ACTIVE";

        internal EmulatedToken Clone() => (EmulatedToken)MemberwiseClone();
    }

    public sealed class EmulatedProductInstance
    {
        public string Udi => $"PID:{Pid},SN:{SerialNumber}";
        /// <summary>productTagName (A); the emulator makes one from the PID.</summary>
        public string ProductTag => Pid == null ? null : "regid.2017-03.com.cisco." + Pid + ",1.0_" + Uuid;
        /// <summary>sudi.uuid (A).</summary>
        public string Uuid { get; set; } = Guid.NewGuid().ToString();
        public string Hostname { get; set; }
        public string Pid { get; set; }
        public string SerialNumber { get; set; }
        public string Platform { get; set; }
        public string Release { get; set; }
        public string Account { get; set; }
        public string VirtualAccount { get; set; }
        /// <summary>"CallHome", "SmartTransport" or "Cslu".</summary>
        public string Transport { get; set; }
        public DateTimeOffset? RegisteredOn { get; set; }
        public DateTimeOffset? TrustedOn { get; set; }
        public DateTimeOffset? LastReportOn { get; set; }
        public bool ExportControlled { get; set; }
        public List<Contracts.UsageEntry> LastUsage { get; set; } = new List<Contracts.UsageEntry>();

        internal EmulatedProductInstance Clone()
        {
            var copy = (EmulatedProductInstance)MemberwiseClone();
            copy.LastUsage = LastUsage.ToList();
            return copy;
        }
    }

    public sealed class EmulatedUsageReport
    {
        public string Tenant { get; set; }
        public string VirtualAccount { get; set; }
        public string Udi { get; set; }
        public string Hostname { get; set; }
        public DateTimeOffset ReceivedOn { get; set; }
        public IReadOnlyList<Contracts.UsageEntry> Usage { get; set; }
    }

    public sealed class EmulatedAlert
    {
        public const string UsageReportReceived = "Usage report from product instance";
        public string Message { get; set; }
        public string Severity { get; set; } = "Info";
        public string VirtualAccount { get; set; }
        public string Udi { get; set; }
        public DateTimeOffset RaisedOn { get; set; }
    }

    internal sealed class IssuedAccessToken
    {
        public string Account { get; set; }
        public DateTimeOffset ExpiresOn { get; set; }
        public int Calls { get; set; }
        public bool Revoked { get; set; }
    }
}
