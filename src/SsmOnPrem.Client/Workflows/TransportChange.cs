using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>What happened to a planned transport change: planned lines, lines sent, and whether the result was saved.</summary>
    public sealed class TransportChangeOutcome
    {
        public TransportPlan Plan { get; set; }
        /// <summary>The lines -WhatIf lists: the framed block and the save line (secrets masked); empty when up to date.</summary>
        public IReadOnlyList<string> PlannedLines { get; set; } = Array.Empty<string>();
        /// <summary>Configuration and save lines sent, secrets masked.</summary>
        public IReadOnlyList<string> CommandsSent { get; set; } = Array.Empty<string>();
        public bool Applied { get; set; }
        /// <summary>Not sent: plan only (-WhatIf) or the caller declined (ShouldProcess).</summary>
        public bool Declined { get; set; }
        public ConfigSaveOutcome Save { get; set; } = ConfigSaveOutcome.NothingChanged;
    }

    /// <summary>
    /// Applies a <see cref="TransportPlan"/> and saves it (the engine side of Register-SsmDevice's transport stage and of
    /// Set-SsmDeviceTransport): nothing is sent when the device is up to date, when only a plan is wanted, or when the
    /// caller's approval (ShouldProcess, shown the exact lines) says no.
    /// </summary>
    public static class TransportChange
    {
        public static TransportChangeOutcome Apply(DeviceSession session, TransportPlan plan, bool planOnly, bool skipSave,
            Func<IReadOnlyList<string>, bool> approve, CancellationToken ct)
        {
            var outcome = new TransportChangeOutcome { Plan = plan, PlannedLines = TransportConfiguration.PlannedLines(session, plan, !skipSave) };
            if (plan.UpToDate) return outcome;
            if (planOnly || (approve != null && !approve(outcome.PlannedLines))) { outcome.Declined = true; return outcome; }
            var sent = TransportConfiguration.Apply(session, plan, ct).ToList();
            outcome.Applied = true;
            outcome.Save = ConfigurationSave.After(session, changed: true, skip: skipSave, ct);
            if (outcome.Save.Command != null) sent.Add(outcome.Save.Command);
            outcome.CommandsSent = sent;
            return outcome;
        }
    }
}
