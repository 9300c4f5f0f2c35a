using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows.Fleet
{
    /// <summary>
    /// One copy of each text that many results of a fleet run carry: every device of a run is sent the same lines, but
    /// the lines built per device (the URL, the masked token line) were strings of their own in each result. A run's
    /// results stay in memory until the caller lets go of them, and peak memory comes late in a run (docs/performance.md,
    /// "Results held"). Only texts that are the same across a fleet by nature are offered (commands, account names,
    /// statuses, license names, negotiated algorithms), never per-device ones (serial numbers, host names, failure
    /// reasons). Bounded all the same, so texts that do differ per device cannot make it grow with the fleet; past the
    /// bound texts are kept as they come.
    /// </summary>
    public sealed class SharedText
    {
        internal const int MaxEntries = 1024;
        private readonly ConcurrentDictionary<string, string> _pool = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The pool's copy of <paramref name="text"/> (the text itself the first time, or when the pool is full).</summary>
        public string Share(string text)
        {
            if (text == null) return null;
            if (_pool.TryGetValue(text, out var shared)) return shared;
            return _pool.Count < MaxEntries ? _pool.GetOrAdd(text, text) : text;
        }

        /// <summary>Replaces each line of <paramref name="lines"/> by the pool's copy, and drops the list's spare capacity.</summary>
        public void Share(List<string> lines)
        {
            if (lines == null) return;
            for (var i = 0; i < lines.Count; i++) lines[i] = Share(lines[i]);
            lines.TrimExcess();
        }

        /// <summary>Shares the texts of one device's registration result that are the same across a fleet, its licensing state's included.</summary>
        public void Share(RegistrationResult result)
        {
            if (result == null) return;
            result.Platform = Share(result.Platform);
            result.Release = Share(result.Release);
            result.Mode = Share(result.Mode);
            result.KeyExchange = Share(result.KeyExchange);
            result.HostKeyAlgorithm = Share(result.HostKeyAlgorithm);
            result.Cipher = Share(result.Cipher);
            result.Mac = Share(result.Mac);
            result.JumpHost = Share(result.JumpHost);
            result.ErrorId = Share(result.ErrorId);
            result.Recommendation = Share(result.Recommendation);
            result.ConfigSaveReason = Share(result.ConfigSaveReason);
            Share(result.CommandsSent);
            Share(result.PlannedCommands);
            Share(result.LicenseStatus);
        }

        /// <summary>Shares the texts of one device's licensing state that are the same across a fleet (statuses, accounts, the transport URL, license names and tags).</summary>
        public void Share(LicenseStatus status)
        {
            if (status == null) return;
            status.Command = Share(status.Command);
            status.Platform = Share(status.Platform);
            status.RegistrationStatusText = Share(status.RegistrationStatusText);
            status.AuthorizationStatusText = Share(status.AuthorizationStatusText);
            status.SmartAccount = Share(status.SmartAccount);
            status.VirtualAccount = Share(status.VirtualAccount);
            status.TransportUrl = Share(status.TransportUrl);
            status.TransportProxy = Share(status.TransportProxy);
            status.PolicyName = Share(status.PolicyName);
            status.SmartAgentVersion = Share(status.SmartAgentVersion);
            if (status.Udi != null) status.Udi.Pid = Share(status.Udi.Pid);
            if (status.Licenses == null) return;
            foreach (var license in status.Licenses)
            {
                license.Name = Share(license.Name);
                license.EntitlementTag = Share(license.EntitlementTag);
                license.Status = Share(license.Status);
                license.Description = Share(license.Description);
                license.LicenseType = Share(license.LicenseType);
                license.EnforcementType = Share(license.EnforcementType);
                license.ExportStatus = Share(license.ExportStatus);
            }
            status.Licenses.TrimExcess();
        }
    }
}
