using System;
using SsmOnPrem.Client.Parsing.Readers;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing.Parsers
{
    /// <summary>
    /// Text made of syslog messages only (console log, 'show logging | include SMART_LIC'): what the Smart Licensing
    /// agent announced, applied in order so the last word wins (AGENT_REG_SUCCESS after AGENT_REG_FAILED = Registered).
    /// When messages are interleaved into a 'show' output the show output is authoritative and this parser is not used.
    /// </summary>
    internal sealed class SyslogStatusParser : ILicenseCommandParser
    {
        public string Command => LicenseCommands.Syslog;

        /// <summary>True for messages that say something about licensing (SMART_LIC, IOS XR LICENSE-*, NX-OS LICMGR, CALL_HOME).</summary>
        public static bool IsLicenseMessage(SyslogMessage m) =>
            m.IsSmartLicensing || m.Facility.StartsWith("LICENSE", StringComparison.Ordinal) || m.Facility == "LICMGR"
            || (m.Facility == "CALL_HOME" && m.Text.IndexOf("Licensing", StringComparison.OrdinalIgnoreCase) >= 0);

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            foreach (var m in document.SyslogMessages)
                if (IsLicenseMessage(m)) Apply(m, builder);
        }

        private static void Apply(SyslogMessage m, StatusBuilder b)
        {
            var s = b.Status;
            b.Recognized++;
            switch (m.Mnemonic)
            {
                case "AGENT_ENABLED": s.SmartLicensingEnabled = true; break;
                case "AGENT_DISABLED": s.SmartLicensingEnabled = false; break;
                case "AGENT_REG_SUCCESS":
                    s.RegistrationStatus = RegistrationStatus.Registered; s.RegistrationFailureReason = null; s.Mode = LicensingMode.SmartLicensing; break;
                case "AGENT_REG_FAILED":
                    s.RegistrationStatus = RegistrationStatus.Failed;
                    s.RegistrationFailureReason = After(m.Text, "failed:") ?? After(m.Text, " : ") ?? m.Text;
                    s.Mode = LicensingMode.SmartLicensing;
                    break;
                case "AGENT_DEREG_SUCCESS": s.RegistrationStatus = RegistrationStatus.Unregistered; break;
                case "AUTH_RENEW_SUCCESS": s.AuthorizationStatus = AuthorizationStatus.Authorized; s.AuthorizationFailureReason = null; break;
                case "AUTH_RENEW_FAILED":
                    s.AuthorizationFailureReason = After(m.Text, " : ") ?? m.Text;
                    ReadUdi(m.Text, s);
                    break;
                case "EVAL_START": s.AuthorizationStatus = AuthorizationStatus.EvalMode; break;
                case "EVAL_EXPIRED": s.AuthorizationStatus = AuthorizationStatus.EvalExpired; break;
                case "OUT_OF_COMPLIANCE": s.AuthorizationStatus = AuthorizationStatus.OutOfCompliance; break;
                case "AUTH_EXPIRED": case "ID_CERT_EXPIRED": s.AuthorizationStatus = AuthorizationStatus.AuthorizationExpired; break;
                case "EXPORT_CONTROLLED":
                    s.ExportControlled = m.Text.IndexOf("not allowed", StringComparison.OrdinalIgnoreCase) < 0 && m.Text.IndexOf("allowed", StringComparison.OrdinalIgnoreCase) >= 0;
                    break;
                case "REPORTING_REQUIRED": case "USAGE_NO_ACK": case "TRUST_INSTALL_SUCCESS": case "SYNC_SUCCESS":
                    s.Mode = LicensingMode.SmartLicensingUsingPolicy; break;
                case "REPORTING_NOT_SUPPORTED":
                    s.Mode = LicensingMode.SmartLicensingUsingPolicy;
                    AddFailure(s, m.Text);
                    break;
                case "COMM_FAILED": case "SL_MESSAGE_FAILED": case "TRUST_INSTALL_FAILED": case "SYNC_FAILED":
                    AddFailure(s, m.Facility == "CALL_HOME" ? m.Text : After(m.Text, " : ") ?? m.Text);
                    if (m.Facility == "CALL_HOME")
                    {
                        s.TransportType = TransportType.Callhome;
                        var url = After(m.Text, "to:");
                        if (url != null) s.TransportUrl = url.Split(' ')[0];
                    }
                    break;
                case "COMM_RESTORED":
                    if (m.Text.IndexOf("CSLU", StringComparison.Ordinal) >= 0) { s.TransportType = TransportType.Cslu; s.Mode = LicensingMode.SmartLicensingUsingPolicy; }
                    break;
            }
        }

        private static void AddFailure(LicenseStatus s, string text)
        {
            if (!s.CommunicationFailures.Contains(text)) s.CommunicationFailures.Add(text);
        }

        // "... Communication message send error for udi PID:NCS-55A2-MOD-S,SN:FOC2311R1HE"
        private static void ReadUdi(string text, LicenseStatus s)
        {
            var udiText = After(text, "udi ");
            var udi = udiText == null ? null : CiscoValues.ParseUdi(udiText.Split(' ')[0]);
            if (udi != null && s.Udi == null) s.Udi = udi;
        }

        private static string After(string text, string marker)
        {
            int at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return null;
            var rest = text.Substring(at + marker.Length).Trim();
            return rest.Length == 0 ? null : rest;
        }
    }
}
