using System;
using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>
    /// What happened to one device (Registered and AlreadyRegistered: legacy; Reported: SLP usage acknowledged;
    /// Submitted: -Wait:$false, the device accepted the register/sync command and is still working on it).
    /// </summary>
    public enum RegistrationOutcome { Registered, AlreadyRegistered, Reported, Submitted, Failed, Skipped }

    /// <summary>The step of the procedure a device failed at.</summary>
    public enum RegistrationStage { Connect, Identify, Transport, Connectivity, Register, Wait, Verify }

    /// <summary>
    /// One device's result of Register-SsmDevice (type name SsmOnPrem.RegistrationResult). Every text in it is
    /// already masked: it is written to the journal and converts to JSON without secrets.
    /// </summary>
    public sealed class RegistrationResult
    {
        public string ComputerName { get; set; }
        public int Port { get; set; }
        public string Hostname { get; set; }
        /// <summary>IOS-XE, NX-OS, IOS-XR, ASA (null before identification).</summary>
        public string Platform { get; set; }
        public string Release { get; set; }
        /// <summary>SL (legacy Smart Licensing) or SLP (Smart Licensing Using Policy); null before identification.</summary>
        public string Mode { get; set; }
        /// <summary>
        /// Registered, AlreadyRegistered, Reported, Submitted, Failed or Skipped: the name of <see cref="Outcome"/>. Text on
        /// the outside because PowerShell's ConvertTo-Json writes an enum property as a number (5.1 and 7.x alike; an
        /// ETS property of the same name or a converter attribute does not change that), and runbooks print results as JSON.
        /// </summary>
        public string Status
        {
            get => Outcome?.ToString();
            set => Outcome = ParseName<RegistrationOutcome>(value);
        }
        /// <summary>Connect, Identify, Transport, Connectivity, Register, Wait or Verify (the name of <see cref="FailedAt"/>); null unless Failed.</summary>
        public string FailureStage
        {
            get => FailedAt?.ToString();
            set => FailedAt = ParseName<RegistrationStage>(value);
        }

        /// <summary>What happened, typed (the engine and the cmdlets decide on this, never on the text).</summary>
        internal RegistrationOutcome? Outcome { get; set; }
        /// <summary>The stage a failed device stopped at, typed.</summary>
        internal RegistrationStage? FailedAt { get; set; }

        /// <summary>The error category of a failure, by the stage it happened at (the non-terminating error's category).</summary>
        internal Common.SsmErrorKind FailureKind
        {
            get
            {
                switch (FailedAt)
                {
                    case RegistrationStage.Connect: return Common.SsmErrorKind.ConnectionError;
                    case RegistrationStage.Connectivity: return Common.SsmErrorKind.ConnectionError;
                    case RegistrationStage.Wait: return Common.SsmErrorKind.OperationTimeout;
                    case RegistrationStage.Identify: return Common.SsmErrorKind.InvalidData;
                    default: return Common.SsmErrorKind.DeviceError;
                }
            }
        }

        private static T? ParseName<T>(string name) where T : struct =>
            !string.IsNullOrEmpty(name) && Enum.TryParse<T>(name, ignoreCase: true, out var value) && Enum.IsDefined(typeof(T), value) ? value : (T?)null;
        /// <summary>Why it failed: the device's own words where it gave some.</summary>
        public string FailureReason { get; set; }
        /// <summary>What to do next, derived from the failure (certificate name, DNS, port, proxy, VRF, token, clock); null unless Failed.</summary>
        public string Recommendation { get; set; }
        /// <summary>Stable id of the failure (same as the non-terminating error's).</summary>
        public string ErrorId { get; set; }
        /// <summary>True when the transport configuration was changed, false when it was already right, null when not looked at.</summary>
        public bool? TransportChanged { get; set; }
        /// <summary>The SSH algorithms the session negotiated (null when it never connected); see docs/ssh-reach.md.</summary>
        public string KeyExchange { get; set; }
        public string HostKeyAlgorithm { get; set; }
        public string Cipher { get; set; }
        public string Mac { get; set; }
        /// <summary>The bastion the session went through, or null.</summary>
        public string JumpHost { get; set; }
        /// <summary>True when the changed configuration was saved (or committed, IOS-XR); false with <see cref="ConfigSaveReason"/>; null when nothing changed.</summary>
        public bool? ConfigSaved { get; set; }
        /// <summary>Why the change was not saved (-SkipSave, the device's refusal); null otherwise.</summary>
        public string ConfigSaveReason { get; set; }
        public DateTimeOffset StartedAt { get; set; }
        public TimeSpan Duration { get; set; }
        /// <summary>The device's licensing state at the end (null when it could not be read).</summary>
        public LicenseStatus LicenseStatus { get; set; }
        /// <summary>The CLI lines sent that change something (configuration, license commands), secrets masked.</summary>
        public List<string> CommandsSent { get; set; } = new List<string>();
        /// <summary>With -WhatIf: the lines that would have been sent (secrets masked).</summary>
        public List<string> PlannedCommands { get; set; } = new List<string>();

        public bool Succeeded => Outcome != RegistrationOutcome.Failed;

        public override string ToString() =>
            $"{ComputerName}: {Status}" + (FailureStage != null ? $" at {FailureStage} ({FailureReason})" : string.Empty);
    }
}
