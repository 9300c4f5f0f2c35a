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

        public string Account { get; set; } = "Lab Account";
        /// <summary>The numeric id that appears as "-n" at the end of CSLU tenant names.</summary>
        public int AccountId { get; set; } = 1;
        public List<string> VirtualAccounts { get; set; } = new List<string> { "Default", "Campus" };
        public string ClientId { get; set; } = "lab-client";
        /// <summary>Null: a random secret per start.</summary>
        public string ClientSecret { get; set; }

        /// <summary>Access token lifetime reported in expires_in.</summary>
        public int AccessTokenLifetimeSeconds { get; set; } = 3600;

        public EmulatedApiPrefix ApiPrefixes { get; set; } = EmulatedApiPrefix.Both;

        /// <summary>
        /// Whether the virtual-account listing reports the CSLU tenant (as the UI shows it). False emulates a server
        /// whose API cannot tell the tenant id, so clients must be given it.
        /// </summary>
        public bool ReportTenantId { get; set; } = true;

        /// <summary>Whether the inferred endpoints (revoke, product instances, sync, account list) exist.</summary>
        public bool InferredEndpoints { get; set; } = true;

        /// <summary>PFX to load; if it does not exist, a generated certificate is saved there (stable thumbprint across restarts).</summary>
        public string CertificatePath { get; set; }
        public string CertificatePassword { get; set; }
        /// <summary>A generated certificate carries only this DNS name (CN and SAN), as a real site's certificate may (null: 127.0.0.1 and localhost).</summary>
        public string CertificateName { get; set; }

        /// <summary>Faults active from the start (e.g. BootSeconds for a server still booting).</summary>
        public OnPremFaults Faults { get; set; } = new OnPremFaults();
    }
}
