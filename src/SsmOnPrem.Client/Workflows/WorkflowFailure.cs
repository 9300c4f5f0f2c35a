using System;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>Ends a workflow at a stage, with the device's own words as the reason when it gave some.</summary>
    public sealed class WorkflowFailure : SsmOnPremException
    {
        public WorkflowFailure(RegistrationStage stage, string errorId, SsmErrorKind kind, string reason, string recommendedAction, Exception inner = null)
            : base(errorId, kind, reason, recommendedAction, inner)
        {
            Stage = stage;
            Reason = reason;
        }

        public RegistrationStage Stage { get; }

        /// <summary>Short reason for the result object (the message may add context).</summary>
        public string Reason { get; }

        /// <summary>What was found before the failure (a result object to emit along with the error), or null.</summary>
        public object PartialResult { get; set; }
    }

    /// <summary>Stable ErrorIds of the workflow.</summary>
    public static class WorkflowErrorIds
    {
        public const string IdentifyFailed = "DeviceNotIdentified";
        public const string UnsupportedMode = "LicensingModeUnsupported";
        public const string TransportFailed = "TransportConfigurationFailed";
        public const string TransportUrlMissing = "TransportUrlMissing";
        public const string TransportOptionUnsupported = "TransportOptionUnsupported";
        public const string ConnectivityFailed = "OnPremUnreachableFromDevice";
        public const string NameNotResolved = "OnPremNameNotResolvedOnDevice";
        public const string PortBlocked = "OnPremPortBlockedFromDevice";
        public const string RegistrationFailed = "RegistrationFailed";
        public const string RegisteredElsewhere = "RegisteredToAnotherAccount";
        public const string TrustFailed = "TrustFailed";
        public const string ReportFailed = "UsageReportFailed";
        public const string WaitTimeout = "RegistrationTimeout";
        public const string AckTimeout = "UsageAckTimeout";
        public const string VerifyFailed = "VerificationFailed";
        public const string TokenRequired = "TokenRequired";
        public const string DeregisterFailed = "DeregistrationFailed";
    }
}
