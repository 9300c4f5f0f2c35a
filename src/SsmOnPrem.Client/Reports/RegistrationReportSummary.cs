using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.Reports
{
    /// <summary>
    /// What Export-SsmRegistrationReport -PassThru returns (type name SsmOnPrem.RegistrationReportSummary): the counts a
    /// runbook posts to chat or a ticket. Counts are per device, after merging journals and reruns.
    /// </summary>
    public sealed class RegistrationReportSummary
    {
        public string Title { get; set; }
        /// <summary>The HTML file written (full path); null with -WhatIf.</summary>
        public string Path { get; set; }
        public DateTimeOffset GeneratedAt { get; set; }
        public int Total { get; set; }
        /// <summary>Registered, AlreadyRegistered or Reported.</summary>
        public int Succeeded { get; set; }
        public int Failed { get; set; }
        public int Skipped { get; set; }
        /// <summary>Succeeded out of the devices that were attempted (Skipped excluded), in percent; null when none was.</summary>
        public double? SuccessPercent => Total - Skipped > 0 ? Math.Round(100.0 * Succeeded / (Total - Skipped), 1) : (double?)null;
        public Dictionary<string, int> ByStatus { get; set; }
        public Dictionary<string, int> ByPlatform { get; set; }
        /// <summary>Failed devices per stage (Connect, Identify, Transport, Connectivity, Register, Wait, Verify).</summary>
        public Dictionary<string, int> ByFailureStage { get; set; }
        public Dictionary<string, int> ByErrorId { get; set; }
        public DateTimeOffset? FirstStartedAt { get; set; }
        public DateTimeOffset? LastFinishedAt { get; set; }
        /// <summary>From the first device's start to the last device's end.</summary>
        public TimeSpan? WallClock => FirstStartedAt.HasValue && LastFinishedAt.HasValue && LastFinishedAt >= FirstStartedAt ? LastFinishedAt - FirstStartedAt : null;
        public TimeSpan? MedianDuration { get; set; }
        public TimeSpan? P95Duration { get; set; }
        public TimeSpan? MaxDuration { get; set; }
        /// <summary>The journals read (file names), and "pipeline" when results were piped in.</summary>
        public string[] Sources { get; set; }
        public int DuplicatesMerged { get; set; }
        public int UnreadableLines { get; set; }

        public override string ToString() => $"{Title}: {Total} devices, {Succeeded} succeeded, {Failed} failed, {Skipped} skipped";
    }
}
