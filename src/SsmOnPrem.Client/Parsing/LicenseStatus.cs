using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.Parsing
{
    public enum LicensingMode { Unknown, SmartLicensing, SmartLicensingUsingPolicy }

    public enum RegistrationStatus { Unknown, Registered, Unregistered, InProgress, Retry, Failed, NotApplicable }

    public enum AuthorizationStatus
    {
        Unknown, Authorized, OutOfCompliance, EvalMode, EvalExpired, AuthorizationExpired,
        AuthorizedReservation, NoLicensesInUse
    }

    public enum TransportType { Unknown, Callhome, Smart, Cslu, Off, Automatic }

    /// <summary>Unique device identifier as printed by 'show license udi' / 'show license all'.</summary>
    public sealed class Udi
    {
        public string Pid { get; set; }
        public string SerialNumber { get; set; }
        public override string ToString() => $"PID:{Pid},SN:{SerialNumber}";
    }

    /// <summary>One license/entitlement line in the output.</summary>
    public sealed class LicenseUsage
    {
        public string Name { get; set; }
        public string EntitlementTag { get; set; }
        public int? Count { get; set; }
        public string Status { get; set; }
    }

    /// <summary>
    /// What a device says about its licensing, parsed from 'show license ...' text.
    /// The property names are the contract of ConvertFrom-SsmLicenseOutput / Get-SsmLicenseStatus (type name SsmOnPrem.LicenseStatus).
    /// </summary>
    public sealed class LicenseStatus
    {
        public LicensingMode Mode { get; set; }
        public bool? SmartLicensingEnabled { get; set; }

        public RegistrationStatus RegistrationStatus { get; set; }
        public string RegistrationFailureReason { get; set; }
        public DateTimeOffset? InitialRegistration { get; set; }
        public DateTimeOffset? LastRenewalAttempt { get; set; }
        public DateTimeOffset? NextRenewalAttempt { get; set; }
        public DateTimeOffset? RegistrationExpires { get; set; }

        public AuthorizationStatus AuthorizationStatus { get; set; }
        public string AuthorizationFailureReason { get; set; }
        public DateTimeOffset? LastCommunicationAttempt { get; set; }
        public DateTimeOffset? CommunicationDeadline { get; set; }

        public string SmartAccount { get; set; }
        public string VirtualAccount { get; set; }
        public bool? ExportControlled { get; set; }

        public TransportType TransportType { get; set; }
        public string TransportUrl { get; set; }

        public DateTimeOffset? LastReportPush { get; set; }
        public DateTimeOffset? LastAckReceived { get; set; }
        public DateTimeOffset? NextAckDeadline { get; set; }
        public DateTimeOffset? NextReportPush { get; set; }
        public int? ReportingIntervalDays { get; set; }
        public DateTimeOffset? TrustCodeInstalled { get; set; }
        public int? WaitingForAck { get; set; }

        public Udi Udi { get; set; }
        public List<LicenseUsage> Licenses { get; set; } = new List<LicenseUsage>();

        public string Command { get; set; }
        public string Platform { get; set; }
        public List<string> Warnings { get; set; } = new List<string>();
    }
}
