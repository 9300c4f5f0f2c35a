using System;
using System.Collections.Generic;
using System.Linq;

namespace SsmOnPrem.Commands.Completion
{
    /// <summary>
    /// The registration point for completion data that only exists at run time. The code that owns the data
    /// sets a provider once (e.g. the On-Prem connection store when Connect-SsmOnPrem succeeds, the device
    /// session store when a session opens); completers read through <see cref="Read"/>, which never throws.
    /// Providers run on every Tab press: return cached names, never call the network or a device.
    /// </summary>
    public static class CompletionSources
    {
        /// <summary>
        /// Local virtual account names of the default On-Prem connection (for -VirtualAccount).
        /// Null or returning nothing when not connected. Filled by the On-Prem connection store.
        /// </summary>
        public static Func<IEnumerable<string>> VirtualAccountNames { get; set; }

        /// <summary>ComputerName of every open device session (for -ComputerName). Filled by the device session store.</summary>
        public static Func<IEnumerable<string>> OpenSessionComputerNames { get; set; }

        /// <summary>Calls a provider; a missing or failing provider means "nothing to offer", never an error at the prompt.</summary>
        internal static IReadOnlyList<string> Read(Func<IEnumerable<string>> provider)
        {
            if (provider == null) return Array.Empty<string>();
            try
            {
                return (provider() ?? Enumerable.Empty<string>())
                    .Where(name => !string.IsNullOrWhiteSpace(name))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
            catch (Exception)
            {
                // Completion must not break typing: a provider that fails (lost connection) offers nothing.
                return Array.Empty<string>();
            }
        }
    }
}
