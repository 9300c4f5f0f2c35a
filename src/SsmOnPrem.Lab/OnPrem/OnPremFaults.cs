using System;
using System.Threading;

namespace SsmOnPrem.Lab.OnPrem
{
    /// <summary>
    /// Fault knobs. Counters mean "the next N requests" and count down as they fire. Set through
    /// <see cref="OnPremEmulator.Faults"/> in process, POST /lab/faults (JSON, camelCase) out of process, or startup options.
    /// /lab/* and (unless <see cref="IncludeDeviceEndpoints"/>) the device-facing endpoints are never faulted.
    /// </summary>
    public sealed class OnPremFaults
    {
        private readonly object _gate = new object();

        /// <summary>Added to every faulted request.</summary>
        public int LatencyMs { get; set; }
        /// <summary>Each access token is refused (as expired: 403 unless ExpiredBearerStatus says otherwise) after this many API calls. 0 = off.</summary>
        public int UnauthorizedAfterCalls { get; set; }
        /// <summary>Every API call gets 403 (API toolkit disabled / client not allowed).</summary>
        public bool Forbidden { get; set; }
        public int TooManyRequests { get; set; }
        public int RetryAfterSeconds { get; set; } = 1;
        public int Conflicts { get; set; }
        public int ServerErrors { get; set; }
        /// <summary>502 Bad Gateway (server booting) until this many seconds after start or after the faults were set.</summary>
        public double BootSeconds { get; set; }
        public int DropConnections { get; set; }
        public int MalformedBodies { get; set; }
        /// <summary>The next N creating POSTs (token, LVA, transfer, delete) are carried out, then answered 504 (an ambiguous failure).</summary>
        public int GatewayTimeoutAfterCreate { get; set; }
        /// <summary>Apply the faults to /Transportgateway, /SmartTransport and /cslu too (default: admin API only).</summary>
        public bool IncludeDeviceEndpoints { get; set; }

        internal DateTimeOffset BootUntil { get; set; }

        internal bool TryTake(Func<OnPremFaults, int> get, Action<OnPremFaults, int> set)
        {
            lock (_gate)
            {
                var n = get(this);
                if (n <= 0) return false;
                set(this, n - 1);
                return true;
            }
        }

        internal void CopyFrom(OnPremFaults other)
        {
            lock (_gate)
            {
                LatencyMs = other.LatencyMs;
                UnauthorizedAfterCalls = other.UnauthorizedAfterCalls;
                Forbidden = other.Forbidden;
                TooManyRequests = other.TooManyRequests;
                RetryAfterSeconds = other.RetryAfterSeconds;
                Conflicts = other.Conflicts;
                ServerErrors = other.ServerErrors;
                BootSeconds = other.BootSeconds;
                DropConnections = other.DropConnections;
                MalformedBodies = other.MalformedBodies;
                GatewayTimeoutAfterCreate = other.GatewayTimeoutAfterCreate;
                IncludeDeviceEndpoints = other.IncludeDeviceEndpoints;
                BootUntil = DateTimeOffset.UtcNow.AddSeconds(other.BootSeconds);
            }
        }

        /// <summary>Turns every fault off.</summary>
        public void Clear() => CopyFrom(new OnPremFaults());
    }
}
