using System;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>What it takes to connect to an SSM On-Prem server. The client secret is never shown by ToString.</summary>
    public sealed class OnPremConnectionOptions
    {
        /// <summary>Host name, IP address, or https URL (its port, if any, wins over <see cref="Port"/>).</summary>
        public string Server { get; set; }
        /// <summary>Admin UI / REST API port (the real product uses 8443).</summary>
        public int Port { get; set; } = 8443;
        /// <summary>Port devices use for the device-facing URLs (443 on the real product; omitted from URLs when 443).</summary>
        public int DevicePort { get; set; } = 443;
        /// <summary>Host name devices are given in the device-facing URLs (null: <see cref="Server"/>); it must be a name the certificate carries.</summary>
        public string DeviceHost { get; set; }
        public string ClientId { get; set; }
        public string ClientSecret { get; set; }
        /// <summary>An On-Prem user: when set, the OAuth "password" grant is used (client id/secret + user), else "client_credentials".</summary>
        public string UserName { get; set; }
        public string UserPassword { get; set; }
        /// <summary>Local account name (the API client belongs to one).</summary>
        public string Account { get; set; }
        /// <summary>Default local virtual account for calls that do not name one.</summary>
        public string VirtualAccount { get; set; }
        public ApiPrefix ApiPrefix { get; set; } = ApiPrefix.Auto;
        public bool SkipCertificateCheck { get; set; }
        /// <summary>SHA-256 (64 hex) or SHA-1 (40 hex) of the server certificate; ':' and spaces are ignored.</summary>
        public string CertificateThumbprint { get; set; }
        /// <summary>Per-request deadline.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
        public RetryPolicy Retry { get; set; } = new RetryPolicy();
        /// <summary>Largest response body read; a bigger one is InvalidServerResponse (a proxy error page, a runaway list).</summary>
        public long MaxResponseBytes { get; set; } = 32L * 1024 * 1024;

        public override string ToString() => $"{Server} (client '{ClientId}'{(UserName != null ? $", user '{UserName}'" : "")}, account '{Account}')";
    }

    /// <summary>
    /// Retries for 409, 429, 5xx (502 while the server boots) and dropped connections on idempotent calls:
    /// exponential backoff from <see cref="BaseDelay"/> capped at <see cref="MaxDelay"/>; Retry-After is honoured up to
    /// <see cref="MaxDelay"/>.
    /// </summary>
    public sealed class RetryPolicy
    {
        /// <summary>Attempts in all (1 = no retry).</summary>
        public int MaxAttempts { get; set; } = 6;
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

        internal TimeSpan DelayFor(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue) return retryAfter.Value > MaxDelay ? MaxDelay : retryAfter.Value;
            var ms = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
            return TimeSpan.FromMilliseconds(Math.Min(ms, MaxDelay.TotalMilliseconds));
        }
    }
}
