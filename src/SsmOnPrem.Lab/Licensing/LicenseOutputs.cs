using System;
using System.Linq;
using System.Text;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Licensing
{
    /// <summary>
    /// 'show license status|all|summary|udi|usage|tech support' rendered from the device's license state, in the layouts
    /// of the real captures (shared/device-outputs): legacy Smart Licensing for IOS-XE 16, NX-OS 9, IOS-XR, ASA; Smart
    /// Licensing Using Policy for IOS-XE 17 and NX-OS 10.
    /// </summary>
    public static class LicenseOutputs
    {
        private const string DataPrivacy = "Data Privacy:\n  Sending Hostname: yes\n    Callhome hostname privacy: DISABLED\n    Smart Licensing hostname privacy: DISABLED\n  Version privacy: DISABLED\n\n";
        private const string Utility = "Utility:\n  Status: DISABLED\n\n";
        private const string ExportKey = "Export Authorization Key:\n  Features Authorized:\n    <none>\n\n";

        private static string D(DeviceRuntime d, DateTimeOffset? when) => d.Profile.Kind == PlatformKind.Asa ? DeviceText.Date(when) : DeviceText.Date(when);

        public static string Status(DeviceRuntime d)
        {
            lock (d.Sync)
            {
                if (d.Profile.IsSlp) return SlpStatus(d, all: false);
                var t = new StringBuilder("Smart Licensing is ENABLED\n\n");
                t.Append(Utility).Append(DataPrivacy).Append(Transport(d)).Append(Registration(d)).Append(Authorization(d)).Append(ExportKey);
                return t.ToString();
            }
        }

        public static string All(DeviceRuntime d)
        {
            lock (d.Sync)
            {
                if (d.Profile.IsSlp) return SlpAll(d);
                var t = new StringBuilder("\nSmart Licensing Status\n======================\n\nSmart Licensing is ENABLED\n\n");
                t.Append(Registration(d)).Append(Authorization(d));
                if (d.Profile.Kind != PlatformKind.Asa) t.Append(ExportKey).Append(Utility).Append(DataPrivacy).Append(Transport(d));
                t.Append("License Usage\n==============\n\n").Append(LegacyUsageBlocks(d));
                t.Append("Product Information\n===================\nUDI: ").Append(d.Profile.Udi).Append("\n\n");
                t.Append("Agent Version\n=============\nSmart Agent for Licensing: ").Append(d.Profile.Kind == PlatformKind.Asa ? "1.6.14_rel/129" : "4.8.5.4_rel/22").Append('\n');
                if (d.Profile.Kind != PlatformKind.Asa) t.Append("\nReservation Info\n================\nLicense reservation: DISABLED\n");
                return t.ToString();
            }
        }

        public static string Summary(DeviceRuntime d)
        {
            lock (d.Sync)
            {
                var usage = UsageTable(d);
                if (d.Profile.IsSlp) return "License Usage:\n  License                 Entitlement Tag               Count Status\n  -----------------------------------------------------------------------------\n" + usage;
                var l = d.License;
                var t = new StringBuilder("Smart Licensing is ENABLED\n\nRegistration:\n");
                t.Append("  Status: ").Append(RegistrationStatusText(l)).Append('\n');
                if (l.Registration == RegistrationState.Registered)
                {
                    t.Append("  Smart Account: ").Append(l.SmartAccount).Append('\n');
                    t.Append("  Virtual Account: ").Append(l.VirtualAccount).Append('\n');
                    t.Append("  Export-Controlled Functionality: ").Append(l.ExportControlled ? "Allowed" : "Not Allowed").Append('\n');
                    t.Append("  Last Renewal Attempt: ").Append(l.LastRenewalAttempt.HasValue ? (l.LastRenewalResult == null ? "SUCCEEDED on " : "FAILED on ") + D(d, l.LastRenewalAttempt) : "None").Append('\n');
                    t.Append("  Next Renewal Attempt: ").Append(D(d, (l.InitialRegistration ?? DateTimeOffset.UtcNow).AddDays(180))).Append("\n\n");
                    t.Append("License Authorization: \n  Status: AUTHORIZED\n  Last Communication Attempt: SUCCEEDED\n");
                    t.Append("  Next Communication Attempt: ").Append(D(d, l.AuthorizedOn?.AddDays(30))).Append("\n\n");
                }
                else
                {
                    if (l.Registration == RegistrationState.Failed) t.Append("  Failure reason: ").Append(l.FailureReason).Append('\n');
                    t.Append("  Export-Controlled Functionality: Not Allowed\n\n");
                    t.Append("License Authorization: \n  Status: EVAL MODE\n  Evaluation Period Remaining: ").Append(EvalRemaining(l)).Append("\n\n");
                }
                t.Append("License Usage:\n  License                 Entitlement tag               Count Status\n  -----------------------------------------------------------------------------\n").Append(usage);
                return t.ToString();
            }
        }

        public static string Udi(DeviceRuntime d)
        {
            var p = d.Profile;
            if (p.Kind == PlatformKind.IosXe16)
                return "SlotID   PID                    SN              UDI\n--------------------------------------------------------------------------------\n*        "
                       + $"{p.Pid,-23}{p.SerialNumber,-16}{p.Pid}:{p.SerialNumber}\n";
            return "UDI: " + p.Udi + "\n";
        }

        public static string Usage(DeviceRuntime d)
        {
            lock (d.Sync)
            {
                if (d.Profile.Kind == PlatformKind.Nxos9)
                {
                    var t = new StringBuilder("\nFeature                      Ins  Lic   Status Expiry Date Comments\n                                 Count\n--------------------------------------------------------------------------------\n");
                    foreach (var e in Entitlements.For(d.Profile)) t.Append($"{e.Name,-30}Yes   -   In use Never       -\n");
                    return t.Append("--------------------------------------------------------------------------------\n").ToString();
                }
                var text = new StringBuilder("License Authorization:\n  Status: ");
                text.Append(d.Profile.IsSlp ? "Not Applicable" : d.License.Registration == RegistrationState.Registered ? "AUTHORIZED on " + D(d, d.License.AuthorizedOn) : "EVAL MODE").Append("\n\n");
                text.Append(d.Profile.IsSlp ? SlpUsageBlocks(d) : LegacyUsageBlocks(d));
                return text.ToString();
            }
        }

        public static string TechSupport(DeviceRuntime d)
        {
            var t = new StringBuilder("Smart Licensing Tech Support info\n\n");
            t.Append(All(d).TrimStart('\n'));
            lock (d.Sync)
            {
                var tr = LicenseTransport.Read(d);
                t.Append("\nOther Info\n==========\n");
                t.Append("Software ID: regid.2017-05.com.cisco.C9300,v1_727af1d9-6c39-4444-b301-863f81445b72\n");
                t.Append("Agent State: ").Append(d.Profile.IsSlp ? "authorized" : d.License.Registration == RegistrationState.Registered ? "authorized" : "unidentified").Append('\n');
                t.Append("TS enable: True\nTransport: ").Append(tr.TypeText).Append('\n');
                if (tr.Url != null) t.Append("  Default URL: ").Append(tr.Url).Append('\n');
                t.Append("Locale: en_US.UTF-8\nDebug flags: 0x7\n");
                if (d.License.LastReportFailure != null) t.Append("Last communication failure: ").Append(d.License.LastReportFailure).Append('\n');
            }
            return t.ToString();
        }

        public static string EventLog(DeviceRuntime d)
        {
            var t = new StringBuilder("\n**** Event Log ****\n\n");
            lock (d.Sync)
                foreach (var line in d.Log.Where(l => l.Contains("%SMART_LIC-")))
                    t.Append("SAEVT ").Append(line.TrimStart('*')).Append('\n');
            return t.ToString();
        }

        public static string HistoryMessage(DeviceRuntime d)
        {
            var l = d.License;
            string Entry(DateTimeOffset? when) => when.HasValue ? "  " + DeviceText.Date(when) + " SUCCESS\n" : "  No past history\n";
            return "\nMessage History (oldest to newest):\n====================================================\n" +
                   "Trust Establishment:\n" + Entry(l.TrustCodeInstalled) + "Usage Reporting:\n" + Entry(l.LastAckReceived) +
                   "Result Polling:\n  No past history\nAuthorization Request:\n  No past history\nAuthorization Return:\n  No past history\nTrust Sync:\n  No past history\n";
        }

        public static string CallHomeSmartLicensing(DeviceRuntime d)
        {
            lock (d.Sync)
            {
                var profile = d.Config.Find("call-home")?.Children.FirstOrDefault(c => c.Line.StartsWith("profile ") && c.Find("active") != null);
                var url = profile?.Children.Select(c => c.Line).FirstOrDefault(x => x.StartsWith("destination address http "));
                return "Current smart-licensing transport settings:\n Smart-license messages: enabled\n" +
                       " Profile: " + (profile == null ? "<none>" : profile.Line.Substring(8).Trim('"') + " (status: ACTIVE)") + "\n" +
                       " Destination  URL(s):  " + (url == null ? "" : url.Substring("destination address http ".Length)) + "\n";
            }
        }

        // ---- legacy pieces ----

        private static string RegistrationStatusText(LicenseState l) => l.Registration switch
        {
            RegistrationState.Registered => "REGISTERED",
            RegistrationState.InProgress => "REGISTERING - REGISTRATION IN PROGRESS",
            RegistrationState.Failed => "UNREGISTERED - REGISTRATION FAILED",
            _ => "UNREGISTERED",
        };

        private static string Transport(DeviceRuntime d)
        {
            var tr = LicenseTransport.Read(d);
            var t = new StringBuilder("Transport:\n  Type: ").Append(tr.TypeText).Append('\n');
            if (tr.Kind == TransportKind.Smart && tr.Url != null) t.Append("  URL: ").Append(tr.Url).Append('\n');
            return t.Append('\n').ToString();
        }

        private static string Registration(DeviceRuntime d)
        {
            var l = d.License;
            bool asa = d.Profile.Kind == PlatformKind.Asa;
            var t = new StringBuilder("Registration:\n  Status: ").Append(RegistrationStatusText(l)).Append('\n');
            switch (l.Registration)
            {
                case RegistrationState.Registered:
                    t.Append("  Smart Account: ").Append(l.SmartAccount).Append('\n');
                    t.Append("  Virtual Account: ").Append(l.VirtualAccount).Append('\n');
                    t.Append("  Export-Controlled Functionality: ").Append(asa ? (l.ExportControlled ? "Allowed" : "Not Allowed") : (l.ExportControlled ? "ALLOWED" : "NOT ALLOWED")).Append('\n');
                    t.Append("  Initial Registration: SUCCEEDED on ").Append(D(d, l.InitialRegistration)).Append('\n');
                    if (l.LastRenewalAttempt.HasValue)
                    {
                        t.Append("  Last Renewal Attempt: ").Append(l.LastRenewalResult == null ? (asa ? "SUCCESS" : "SUCCEEDED") : "FAILED").Append(" on ").Append(D(d, l.LastRenewalAttempt)).Append('\n');
                        if (l.LastRenewalResult != null) t.Append("    Failure reason: ").Append(l.LastRenewalResult).Append('\n');
                    }
                    else t.Append("  Last Renewal Attempt: None\n");
                    t.Append("  Next Renewal Attempt: ").Append(D(d, (l.InitialRegistration ?? DateTimeOffset.UtcNow).AddDays(180))).Append('\n');
                    t.Append("  Registration Expires: ").Append(D(d, l.RegistrationExpires)).Append('\n');
                    break;
                case RegistrationState.InProgress:
                    t.Append("  Export-Controlled Functionality: ").Append(asa ? "Not Allowed" : "NOT ALLOWED").Append('\n');
                    t.Append("  Initial Registration: First Attempt Pending\n");
                    break;
                case RegistrationState.Failed:
                    t.Append("  Export-Controlled Functionality: ").Append(asa ? "Not Allowed" : "NOT ALLOWED").Append('\n');
                    t.Append("  Initial Registration: FAILED on ").Append(D(d, l.LastAttempt)).Append('\n');
                    t.Append("    Failure reason: ").Append(l.FailureReason).Append('\n');
                    t.Append("  Next Registration Attempt: ").Append(D(d, l.LastAttempt?.AddMinutes(15))).Append('\n');
                    break;
                default:
                    t.Append("  Export-Controlled Functionality: ").Append(asa ? "Not Allowed" : "NOT ALLOWED").Append('\n');
                    break;
            }
            return t.Append('\n').ToString();
        }

        private static string Authorization(DeviceRuntime d)
        {
            var l = d.License;
            var t = new StringBuilder("License Authorization: \n");
            if (l.Registration == RegistrationState.Registered)
            {
                t.Append("  Status: AUTHORIZED on ").Append(D(d, l.AuthorizedOn)).Append('\n');
                t.Append("  Last Communication Attempt: ").Append(d.Profile.Kind == PlatformKind.Asa ? "SUCCESS" : "SUCCEEDED").Append(" on ").Append(D(d, l.AuthorizedOn)).Append('\n');
                t.Append("  Next Communication Attempt: ").Append(D(d, l.AuthorizedOn?.AddDays(30))).Append('\n');
                t.Append("  Communication Deadline: ").Append(D(d, l.AuthorizationExpires)).Append('\n');
            }
            else
            {
                t.Append("  Status: EVAL MODE\n  Evaluation Period Remaining: ").Append(EvalRemaining(l)).Append('\n');
            }
            return t.Append('\n').ToString();
        }

        private static string EvalRemaining(LicenseState l)
        {
            var left = TimeSpan.FromDays(90) - (DateTimeOffset.UtcNow - l.EvalStarted);
            return $"{(int)left.TotalDays} days, {left.Hours} hours, {left.Minutes} minutes, {left.Seconds} seconds";
        }

        private static string LegacyUsageBlocks(DeviceRuntime d)
        {
            var registered = d.License.Registration == RegistrationState.Registered;
            var t = new StringBuilder();
            foreach (var e in Entitlements.For(d.Profile))
            {
                t.Append(registered ? e.Name + " " : "").Append('(').Append(e.Tag).Append("):\n");
                t.Append("  Description: ").Append(registered ? e.Description : "").Append('\n');
                t.Append("  Count: 1\n  Version: 1.0\n  Status: ").Append(registered ? "AUTHORIZED" : "EVAL MODE").Append('\n');
                if (d.Profile.Kind != PlatformKind.Asa) t.Append("  Export status: NOT RESTRICTED\n");
                t.Append('\n');
            }
            return t.ToString();
        }

        private static string UsageTable(DeviceRuntime d)
        {
            var status = d.Profile.IsSlp ? "IN USE" : d.License.Registration == RegistrationState.Registered ? "AUTHORIZED" : "EVAL MODE";
            var t = new StringBuilder();
            foreach (var e in Entitlements.For(d.Profile))
            {
                var name = e.Name.Length > 23 ? e.Name.Substring(0, 20) + "..." : e.Name;
                var tag = "(" + (e.Tag.Length > 27 ? e.Tag.Substring(0, 24) + "..." : e.Tag) + ")";
                t.Append("  ").Append(name.PadRight(24)).Append(tag.PadRight(30)).Append("1".PadLeft(5)).Append(' ').Append(status).Append('\n');
            }
            return t.ToString();
        }

        // ---- Smart Licensing Using Policy ----

        private static string SlpUsageBlocks(DeviceRuntime d)
        {
            var t = new StringBuilder();
            foreach (var e in Entitlements.For(d.Profile))
            {
                t.Append(e.Name).Append(" (").Append(e.Tag).Append("):\n");
                t.Append("  Description: ").Append(e.Description).Append('\n');
                t.Append("  Count: 1\n  Version: 1.0\n  Status: IN USE\n");
                t.Append("  Export status: NOT RESTRICTED\n");
                t.Append("  Feature Name: ").Append(e.Name).Append('\n');
                t.Append("  Feature Description: ").Append(e.Description).Append('\n');
                t.Append("  Enforcement type: NOT ENFORCED\n");
                t.Append("  License type: ").Append(e.LicenseType).Append("\n\n");
            }
            return t.ToString();
        }

        private static string SlpStatus(DeviceRuntime d, bool all)
        {
            var l = d.License;
            var tr = LicenseTransport.Read(d);
            var interval = UsageInterval(d);
            var t = new StringBuilder();
            if (!all) t.Append(Utility);
            t.Append("Smart Licensing Using Policy:\n  Status: ENABLED\n\n");
            t.Append("Account Information:\n  Smart Account: ").Append(l.SmartAccount == null ? "<none>" : l.SmartAccount + " As of " + DeviceText.Date(l.AccountAsOf)).Append('\n');
            t.Append("  Virtual Account: ").Append(l.VirtualAccount ?? "<none>").Append("\n\n");
            t.Append(DataPrivacy);
            t.Append("Transport:\n  Type: ").Append(tr.TypeText).Append('\n');
            if (tr.Kind == TransportKind.Cslu) t.Append("  Cslu address: ").Append(ConfiguredCslu(d) ?? "<empty>").Append('\n');
            if (tr.Kind == TransportKind.Smart) t.Append("  URL: ").Append(tr.Url ?? "<empty>").Append('\n');
            if (tr.Kind != TransportKind.Off) t.Append("  Proxy:\n    Not Configured\n  VRF:\n    Not Configured\n");
            t.Append('\n');
            t.Append("Policy:\n  Policy in use: Merged from multiple sources.\n  Reporting ACK required: yes (CISCO default)\n");
            t.Append("  Unenforced/Non-Export Perpetual Attributes:\n    First report requirement (days): 365 (CISCO default)\n    Reporting frequency (days): 0 (CISCO default)\n    Report on change (days): 90 (CISCO default)\n");
            t.Append("  Unenforced/Non-Export Subscription Attributes:\n    First report requirement (days): 90 (CISCO default)\n    Reporting frequency (days): 90 (CISCO default)\n    Report on change (days): 90 (CISCO default)\n");
            t.Append("  Enforced (Perpetual/Subscription) License Attributes:\n    First report requirement (days): 0 (CISCO default)\n    Reporting frequency (days): 0 (CISCO default)\n    Report on change (days): 0 (CISCO default)\n");
            t.Append("  Export (Perpetual/Subscription) License Attributes:\n    First report requirement (days): 0 (CISCO default)\n    Reporting frequency (days): 0 (CISCO default)\n    Report on change (days): 0 (CISCO default)\n\n");
            t.Append("Miscellaneous:\n  Custom Id: <empty>\n\n");
            t.Append("Usage Reporting:\n");
            t.Append("  Last ACK received: ").Append(DeviceText.Date(l.LastAckReceived)).Append('\n');
            t.Append("  Next ACK deadline: ").Append(l.LastAckReceived.HasValue ? DeviceText.Date(l.LastAckReceived.Value.AddDays(90)) : "<none>").Append('\n');
            t.Append("  Reporting push interval: ").Append(interval).Append("  days\n");
            t.Append("  Next ACK push check: <none>\n");
            t.Append("  Next report push: ").Append(DeviceText.Date((l.LastReportPush ?? d.Lab.Started).AddDays(interval))).Append('\n');
            t.Append("  Last report push: ").Append(DeviceText.Date(l.LastReportPush)).Append('\n');
            t.Append("  Last report file write: <none>\n\n");
            t.Append("Trust Code Installed: ").Append(l.TrustCodeInstalled.HasValue ? DeviceText.Date(l.TrustCodeInstalled) : "<none>").Append('\n');
            if (l.TrustFailureReason != null) t.Append("  Last trust code install: FAILED on ").Append(DeviceText.Date(l.TrustAttempt)).Append("\n    Failure reason: ").Append(l.TrustFailureReason).Append('\n');
            if (l.LastReportFailure != null) t.Append("  Last communication attempt: FAILED on ").Append(DeviceText.Date(l.LastReportAttempt)).Append("\n    Failure reason: ").Append(l.LastReportFailure).Append('\n');
            return t.ToString();
        }

        private static string SlpAll(DeviceRuntime d)
        {
            var l = d.License;
            var t = new StringBuilder("\nSmart Licensing Status\n======================\n\nSmart Licensing is ENABLED\n\n");
            t.Append("License Conversion:\n  Automatic Conversion Enabled: True\n  Status: Not started\n\n");
            t.Append(ExportKey).Append(Utility);
            t.Append(SlpStatus(d, all: true)).Append('\n');
            t.Append("License Usage\n=============\n\n").Append(SlpUsageBlocks(d));
            t.Append("Product Information\n===================\nUDI: ").Append(d.Profile.Udi).Append("\n\n");
            t.Append("Agent Version\n=============\nSmart Agent for Licensing: 5.7.21_rel/48\n\n");
            t.Append("License Authorizations\n======================\nOverall status:\n  Active: ").Append(d.Profile.Udi).Append("\n      Status: NOT INSTALLED\n\nPurchased Licenses:\n  No Purchase Information Available\n\n");
            t.Append("Usage Report Summary:\n=====================\n");
            t.Append($"Total: {l.ReportsTotal},  Purged: 0\n");
            t.Append($"Total Acknowledged Received: {l.AcksReceived},  Waiting for Ack: {l.WaitingForAck}\n");
            t.Append("Available to Report: 0  Collecting Data: ").Append(Entitlements.For(d.Profile).Count).Append("  \n");
            return t.ToString();
        }

        private static string ConfiguredCslu(DeviceRuntime d)
        {
            var line = d.Config.Children.Select(c => c.Line).FirstOrDefault(x => x.StartsWith("license smart url cslu ", StringComparison.OrdinalIgnoreCase));
            return line?.Substring("license smart url cslu ".Length).Trim();
        }

        public static int UsageInterval(DeviceRuntime d)
        {
            var line = d.Config.Children.Select(c => c.Line).FirstOrDefault(x => x.StartsWith("license smart usage interval ", StringComparison.OrdinalIgnoreCase));
            return line != null && int.TryParse(line.Split(' ').Last(), out var days) ? days : 30;
        }
    }
}
