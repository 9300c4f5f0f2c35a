using System.Collections.Generic;

namespace SsmOnPrem.Lab.OnPrem
{
    /// <summary>Which URL prefixes the emulated server answers on (real servers have been seen with either).</summary>
    public enum EmulatedApiPrefix
    {
        Both,
        RootOnly,      // /oauth/token, /api/v1/...
        BackendOnly,   // /backend/oauth/token, /backend/api/v1/...
    }

    /// <summary>How to start an <see cref="OnPremEmulator"/>: port, seed state, certificate, fault knobs.</summary>
    public sealed class OnPremEmulatorOptions
    {
        /// <summary>TCP port on 127.0.0.1; 0 picks a free one (tests must use 0).</summary>
        public int Port { get; set; }

        /// <summary>The local account (its name has a space on purpose: CSLU URLs must keep "%20").</summary>
        public string Account { get; set; } = "Lab Account";
        /// <summary>The numeric id that appears as "-n" at the end of the account's CSLU tenant.</summary>
        public int AccountId { get; set; } = 1;
        public string Domain { get; set; } = "lab.example.com";
        /// <summary>More local accounts (each with an LVA "Default"): Connect-SsmOnPrem without -Account must then ask.</summary>
        public List<string> ExtraAccounts { get; set; } = new List<string>();
        public List<string> VirtualAccounts { get; set; } = new List<string> { "Default", "Campus" };
        public string ClientId { get; set; } = "lab-client";
        /// <summary>Null: a random secret per start.</summary>
        public string ClientSecret { get; set; }
        /// <summary>The On-Prem user of the OAuth password grant (A, E).</summary>
        public string UserName { get; set; } = "lab-admin";
        /// <summary>Null: a random password per start.</summary>
        public string UserPassword { get; set; }

        /// <summary>How long an access token is accepted. Not reported (no public source shows expires_in).</summary>
        public int AccessTokenLifetimeSeconds { get; set; } = 3600;

        /// <summary>What an expired or unknown bearer gets: 403 like a missing one (D); 401 only as an explicit variant.</summary>
        public int ExpiredBearerStatus { get; set; } = 403;

        /// <summary>Licenses bought per LVA license name (Get-SsmLicense); anything used beyond it is "Out Of Compliance".</summary>
        public Dictionary<string, int> PurchasedLicenses { get; set; } = new Dictionary<string, int>();

        public EmulatedApiPrefix ApiPrefixes { get; set; } = EmulatedApiPrefix.Both;

        /// <summary>
        /// Whether account records carry cslu_tenant_url (A). False emulates a server that does not say, so clients
        /// must be given the tenant.
        /// </summary>
        public bool ReportTenantUrl { get; set; } = true;

        /// <summary>Whether the endpoints with no or weak public evidence exist: synchronization (none) and token revocation (A, commented out).</summary>
        public bool InferredEndpoints { get; set; } = true;

        /// <summary>An older server: local accounts only via GET accounts (POST upstream_satellites/accounts answers 404).</summary>
        public bool LegacyAccountList { get; set; }

        /// <summary>PFX to load; if it does not exist, a generated certificate is saved there (stable thumbprint across restarts).</summary>
        public string CertificatePath { get; set; }
        public string CertificatePassword { get; set; }
        /// <summary>A generated certificate carries only this DNS name (CN and SAN), as a real site's certificate may (null: 127.0.0.1 and localhost).</summary>
        public string CertificateName { get; set; }

        /// <summary>Faults active from the start (e.g. BootSeconds for a server still booting).</summary>
        public OnPremFaults Faults { get; set; } = new OnPremFaults();
    }
}
