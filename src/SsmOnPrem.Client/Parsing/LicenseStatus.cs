using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.Parsing
{
    public enum LicensingMode { Unknown, SmartLicensing, SmartLicensingUsingPolicy }

    public enum RegistrationStatus { Unknown, Registered, Unregistered, InProgress, Retry, Failed, NotApplicable }

    /// <summary>Legacy authorization states; NotApplicable is what SLP devices print ("Status: Not Applicable").</summary>
    public enum AuthorizationStatus
    {
        Unknown, Authorized, OutOfCompliance, EvalMode, EvalExpired, AuthorizationExpired,
        AuthorizedReservation, NoLicensesInUse, NotApplicable
    }

    public enum TransportType { Unknown, Callhome, Smart, Cslu, Off, Automatic }

    /// <summary>Outcome of an attempt line such as "Initial Registration: SUCCEEDED on ..." (SUCCEEDED and SUCCESS both mean Succeeded).</summary>
    public enum AttemptResult { Unknown, Succeeded, Failed, Pending }

    /// <summary>Unique device identifier as printed by 'show license udi' / 'show license all'.</summary>
    public sealed class Udi
    {
        public string Pid { get; set; }
        public string SerialNumber { get; set; }
        /// <summary>HA/stack role when printed (Active, Standby, Member); null otherwise.</summary>
        public string Role { get; set; }
        public override string ToString() => $"PID:{Pid},SN:{SerialNumber}";
    }

    /// <summary>One license/entitlement line in the output.</summary>
    public sealed class LicenseUsage
    {
        public string Name { get; set; }
        public string EntitlementTag { get; set; }
        public int? Count { get; set; }
        public string Status { get; set; }
        public string Description { get; set; }
        public string LicenseType { get; set; }
        public string EnforcementType { get; set; }
        public string ExportStatus { get; set; }
        public override string ToString() => $"{Name} ({EntitlementTag}) x{Count} {Status}";
    }

    /// <summary>
    /// What a device says about its licensing, parsed from 'show license ...' text.
    /// The property names are the contract of ConvertFrom-SsmLicenseOutput / Get-SsmLicenseStatus (type name SsmOnPrem.LicenseStatus).
    /// Dates are DateTimeOffset when the device printed a time zone we know (see CiscoDate); "none"-like values are null.
    /// </summary>
    public sealed class LicenseStatus
    {
        public LicensingMode Mode { get; set; }
        public bool? SmartLicensingEnabled { get; set; }

        public RegistrationStatus RegistrationStatus { get; set; }
        /// <summary>The status as printed, e.g. "UNREGISTERED - REGISTRATION FAILED".</summary>
        public string RegistrationStatusText { get; set; }
        public string RegistrationFailureReason { get; set; }
        public DateTimeOffset? InitialRegistration { get; set; }
        public AttemptResult? InitialRegistrationResult { get; set; }
        public DateTimeOffset? LastRenewalAttempt { get; set; }
        public AttemptResult? LastRenewalResult { get; set; }
        public DateTimeOffset? NextRenewalAttempt { get; set; }
        public DateTimeOffset? NextRegistrationAttempt { get; set; }
        public DateTimeOffset? RegistrationExpires { get; set; }

        public AuthorizationStatus AuthorizationStatus { get; set; }
        /// <summary>The status as printed, without its "on &lt;date&gt;" suffix.</summary>
        public string AuthorizationStatusText { get; set; }
        /// <summary>The date of "Status: AUTHORIZED on &lt;date&gt;".</summary>
        public DateTimeOffset? AuthorizationStatusSince { get; set; }
        public string AuthorizationFailureReason { get; set; }
        public DateTimeOffset? LastCommunicationAttempt { get; set; }
        public AttemptResult? LastCommunicationResult { get; set; }
        public DateTimeOffset? NextCommunicationAttempt { get; set; }
        public DateTimeOffset? CommunicationDeadline { get; set; }
        /// <summary>"Evaluation Period Remaining: 89 days, 1 hours, ..." as a TimeSpan.</summary>
        public TimeSpan? EvaluationPeriodRemaining { get; set; }

        public string SmartAccount { get; set; }
        public string VirtualAccount { get; set; }
        /// <summary>The "As of &lt;date&gt;" suffix of "Smart Account:" (SLP).</summary>
        public DateTimeOffset? AccountInformationAsOf { get; set; }
        public bool? ExportControlled { get; set; }

        public TransportType TransportType { get; set; }
        public string TransportUrl { get; set; }
        /// <summary>Proxy address of the smart/CSLU transport, when configured.</summary>
        public string TransportProxy { get; set; }

        public DateTimeOffset? LastReportPush { get; set; }
        public DateTimeOffset? LastAckReceived { get; set; }
        public DateTimeOffset? NextAckDeadline { get; set; }
        public DateTimeOffset? NextReportPush { get; set; }
        public int? ReportingIntervalDays { get; set; }
        public DateTimeOffset? TrustCodeInstalled { get; set; }
        public int? WaitingForAck { get; set; }
        /// <summary>"Total Acknowledged Received:" of the usage report summary.</summary>
        public int? AcknowledgementsReceived { get; set; }
        public string PolicyName { get; set; }
        /// <summary>Failures listed by 'show license tech support' (Communication Statistics), e.g. "Usage Reporting: INVALID STATUS CODE - {...}".</summary>
        public List<string> CommunicationFailures { get; set; } = new List<string>();

        public Udi Udi { get; set; }
        /// <summary>Every member of an HA pair / stack ("HA UDI List:"); empty on a standalone device.</summary>
        public List<Udi> HaUdis { get; set; } = new List<Udi>();
        public List<LicenseUsage> Licenses { get; set; } = new List<LicenseUsage>();
        public string SmartAgentVersion { get; set; }

        /// <summary>The command that produced the text ("show license status", ...; "syslog" for messages only; several joined with "; " after a merge).</summary>
        public string Command { get; set; }
        /// <summary>IOS-XE, NX-OS, IOS-XR, ASA, or null when nothing in the text tells.</summary>
        public string Platform { get; set; }
        /// <summary>Syslog messages found in (or making up) the text, in order.</summary>
        public List<SyslogMessage> SyslogMessages { get; set; } = new List<SyslogMessage>();
        public List<string> Warnings { get; set; } = new List<string>();
    }
}
