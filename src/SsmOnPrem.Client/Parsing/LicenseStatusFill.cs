using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>
    /// The single-valued half of <see cref="LicenseOutputParser.Merge"/>: every property of the target that has no value
    /// (null, empty text, or an enum's 0 = Unknown) takes the source's, if the source has one. Written out rather than
    /// done by reflection: a fleet run merges three outputs per device, and reflection cost a boxed value per property
    /// per call plus about 200 generated invoke stubs compiled at start-up (#20). MergeTests checks every writable
    /// single-valued property of LicenseStatus is here, so a new property cannot be forgotten.
    /// </summary>
    internal static class LicenseStatusFill
    {
        public static void FillEmpty(LicenseStatus t, LicenseStatus s)
        {
            t.Mode = Known(t.Mode, s.Mode);
            t.SmartLicensingEnabled = Value(t.SmartLicensingEnabled, s.SmartLicensingEnabled);

            t.RegistrationStatus = Known(t.RegistrationStatus, s.RegistrationStatus);
            t.RegistrationStatusText = Text(t.RegistrationStatusText, s.RegistrationStatusText);
            t.RegistrationFailureReason = Text(t.RegistrationFailureReason, s.RegistrationFailureReason);
            t.InitialRegistration = Value(t.InitialRegistration, s.InitialRegistration);
            t.InitialRegistrationResult = Value(t.InitialRegistrationResult, s.InitialRegistrationResult);
            t.LastRenewalAttempt = Value(t.LastRenewalAttempt, s.LastRenewalAttempt);
            t.LastRenewalResult = Value(t.LastRenewalResult, s.LastRenewalResult);
            t.NextRenewalAttempt = Value(t.NextRenewalAttempt, s.NextRenewalAttempt);
            t.NextRegistrationAttempt = Value(t.NextRegistrationAttempt, s.NextRegistrationAttempt);
            t.RegistrationExpires = Value(t.RegistrationExpires, s.RegistrationExpires);

            t.AuthorizationStatus = Known(t.AuthorizationStatus, s.AuthorizationStatus);
            t.AuthorizationStatusText = Text(t.AuthorizationStatusText, s.AuthorizationStatusText);
            t.AuthorizationStatusSince = Value(t.AuthorizationStatusSince, s.AuthorizationStatusSince);
            t.AuthorizationFailureReason = Text(t.AuthorizationFailureReason, s.AuthorizationFailureReason);
            t.LastCommunicationAttempt = Value(t.LastCommunicationAttempt, s.LastCommunicationAttempt);
            t.LastCommunicationResult = Value(t.LastCommunicationResult, s.LastCommunicationResult);
            t.NextCommunicationAttempt = Value(t.NextCommunicationAttempt, s.NextCommunicationAttempt);
            t.CommunicationDeadline = Value(t.CommunicationDeadline, s.CommunicationDeadline);
            t.EvaluationPeriodRemaining = Value(t.EvaluationPeriodRemaining, s.EvaluationPeriodRemaining);

            t.SmartAccount = Text(t.SmartAccount, s.SmartAccount);
            t.VirtualAccount = Text(t.VirtualAccount, s.VirtualAccount);
            t.AccountInformationAsOf = Value(t.AccountInformationAsOf, s.AccountInformationAsOf);
            t.ExportControlled = Value(t.ExportControlled, s.ExportControlled);

            t.TransportType = Known(t.TransportType, s.TransportType);
            t.TransportUrl = Text(t.TransportUrl, s.TransportUrl);
            t.TransportProxy = Text(t.TransportProxy, s.TransportProxy);

            t.LastReportPush = Value(t.LastReportPush, s.LastReportPush);
            t.LastAckReceived = Value(t.LastAckReceived, s.LastAckReceived);
            t.NextAckDeadline = Value(t.NextAckDeadline, s.NextAckDeadline);
            t.NextReportPush = Value(t.NextReportPush, s.NextReportPush);
            t.ReportingIntervalDays = Value(t.ReportingIntervalDays, s.ReportingIntervalDays);
            t.TrustCodeInstalled = Value(t.TrustCodeInstalled, s.TrustCodeInstalled);
            t.WaitingForAck = Value(t.WaitingForAck, s.WaitingForAck);
            t.AcknowledgementsReceived = Value(t.AcknowledgementsReceived, s.AcknowledgementsReceived);
            t.PolicyName = Text(t.PolicyName, s.PolicyName);

            t.Udi = t.Udi ?? s.Udi;
            t.SmartAgentVersion = Text(t.SmartAgentVersion, s.SmartAgentVersion);
            t.Platform = Text(t.Platform, s.Platform);
        }

        private static string Text(string current, string candidate) =>
            string.IsNullOrEmpty(current) && !string.IsNullOrEmpty(candidate) ? candidate : current;

        // Enums: 0 is Unknown, which counts as no value.
        private static T Known<T>(T current, T candidate) where T : struct =>
            IsEmpty(current) && !IsEmpty(candidate) ? candidate : current;

        // Nullable values; a nullable enum holding Unknown counts as no value too.
        private static T? Value<T>(T? current, T? candidate) where T : struct =>
            IsEmpty(current) && !IsEmpty(candidate) ? candidate : current;

        private static bool IsEmpty<T>(T? value) where T : struct => !value.HasValue || IsEmpty(value.Value);

        private static bool IsEmpty<T>(T value) where T : struct =>
            typeof(T).IsEnum && EqualityComparer<T>.Default.Equals(value, default(T));
    }
}
