using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>One check of Test-SsmRegistration -Detailed.</summary>
    public sealed class RegistrationCheckItem
    {
        public string Name { get; set; }
        public bool Passed { get; set; }
        /// <summary>What was found (and, when it failed, why).</summary>
        public string Detail { get; set; }
        public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Name}: {Detail}";
    }

    /// <summary>Test-SsmRegistration -Detailed (type name SsmOnPrem.RegistrationCheck).</summary>
    public sealed class RegistrationCheckResult
    {
        public string ComputerName { get; set; }
        public string Hostname { get; set; }
        public string Platform { get; set; }
        public string Mode { get; set; }
        public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);
        public List<RegistrationCheckItem> Checks { get; set; } = new List<RegistrationCheckItem>();
        public string FailedChecks => string.Join("; ", Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}"));
        public LicenseStatus LicenseStatus { get; set; }
    }

    /// <summary>What "registered" means: legacy REGISTERED + AUTHORIZED (to the expected account); SLP CSLU transport at On-Prem + a recent ACK.</summary>
    public sealed class RegistrationCheck
    {
        public string ExpectedSmartAccount { get; set; }
        public string ExpectedVirtualAccount { get; set; }
        /// <summary>SLP: the CSLU URL the device should use (null: not checked).</summary>
        public string ExpectedUrl { get; set; }
        /// <summary>SLP: how old the last ACK may be (default: the device's reporting interval, else 30 days).</summary>
        public TimeSpan? MaximumAckAge { get; set; }
        /// <summary>
        /// The licensing mode the device should be in (null: judge by the mode it reports). A device in the other mode
        /// fails the 'Mode' check, and the named mode's criteria are applied to it.
        /// </summary>
        public LicensingMode? ExpectedMode { get; set; }
        /// <summary>When set, the device is looked up in On-Prem's inventory too.</summary>
        public Func<string, IReadOnlyList<ProductInstance>> FindInInventory { get; set; }

        public RegistrationCheckResult Run(DeviceSession session, CancellationToken ct)
        {
            var report = DeviceLicenseReader.Read(session, ct);
            var s = report.Status;
            var r = new RegistrationCheckResult
            {
                ComputerName = session.ComputerName,
                Hostname = report.Identity.Hostname,
                Platform = DeviceLicenseReader.PlatformName(report.Identity.Platform),
                Mode = RegistrationWorkflow.ModeName(report.Identity.LicensingMode),
                LicenseStatus = s,
            };
            void Check(string name, bool passed, string detail) => r.Checks.Add(new RegistrationCheckItem { Name = name, Passed = passed, Detail = detail });
            var actual = report.Identity.LicensingMode;
            var slp = (ExpectedMode ?? actual) == LicensingMode.SmartLicensingUsingPolicy;
            if (ExpectedMode.HasValue) Check("Mode", actual == ExpectedMode.Value, ModeDetail(ExpectedMode.Value, actual, report.Identity.Release));
            if (!slp)
            {
                Check("Registered", s.RegistrationStatus == RegistrationStatus.Registered,
                    $"registration status {s.RegistrationStatusText ?? s.RegistrationStatus.ToString()}" + (s.RegistrationFailureReason != null ? $" ({s.RegistrationFailureReason})" : ""));
                Check("Authorized", s.AuthorizationStatus == AuthorizationStatus.Authorized,
                    $"authorization {s.AuthorizationStatusText ?? s.AuthorizationStatus.ToString()}" + (s.AuthorizationFailureReason != null ? $" ({s.AuthorizationFailureReason})" : ""));
            }
            else
            {
                Check("CsluTransport", s.TransportType == Parsing.TransportType.Cslu, $"transport {s.TransportType}");
                if (ExpectedUrl != null)
                    Check("TransportUrl", string.Equals(s.TransportUrl, ExpectedUrl, StringComparison.OrdinalIgnoreCase),
                        $"device reports to {s.TransportUrl ?? "<none>"}" + (string.Equals(s.TransportUrl, ExpectedUrl, StringComparison.OrdinalIgnoreCase) ? "" : $", expected {ExpectedUrl}"));
                var maxAge = MaximumAckAge ?? TimeSpan.FromDays(s.ReportingIntervalDays is int d && d > 0 ? d : 30);
                var recent = s.LastAckReceived.HasValue && DateTimeOffset.UtcNow - s.LastAckReceived.Value <= maxAge;
                Check("RecentAck", recent, s.LastAckReceived.HasValue ? $"last ACK received {s.LastAckReceived:u}" + (recent ? "" : $", older than {maxAge.TotalDays:0.#} days") : "no ACK received yet");
            }
            if (!string.IsNullOrEmpty(ExpectedSmartAccount) && (!slp || s.SmartAccount != null))
                Check("Account", string.Equals(s.SmartAccount, ExpectedSmartAccount, StringComparison.OrdinalIgnoreCase)
                        && (string.IsNullOrEmpty(ExpectedVirtualAccount) || string.Equals(s.VirtualAccount, ExpectedVirtualAccount, StringComparison.OrdinalIgnoreCase)),
                    $"Smart Account '{s.SmartAccount}', virtual account '{s.VirtualAccount}'; expected '{ExpectedSmartAccount}' / '{ExpectedVirtualAccount}'");
            if (FindInInventory != null)
            {
                var serial = report.Identity.SerialNumber ?? s.Udi?.SerialNumber;
                var found = serial == null ? new List<ProductInstance>() : FindInInventory(serial).ToList();
                Check("InOnPremInventory", found.Count > 0, found.Count > 0 ? $"On-Prem lists {found[0].Name ?? found[0].Udi}" : $"On-Prem lists no product instance with serial {serial}");
                if (slp && found.Count > 0)
                {
                    var alert = found.SelectMany(p => p.Alerts ?? Array.Empty<ProductInstanceAlert>())
                        .FirstOrDefault(a => (a.Message ?? "").IndexOf("Usage report from product instance", StringComparison.OrdinalIgnoreCase) >= 0);
                    Check("UsageReportAlert", alert != null, alert != null ? $"alert '{alert.Message}'" : "no 'Usage report from product instance' alert in On-Prem");
                }
            }
            return r;
        }

        /// <summary>SL or SLP (the names RegistrationResult.Mode uses) to the engine's mode; null for Auto.</summary>
        public static LicensingMode? ParseMode(string name)
        {
            switch ((name ?? "Auto").ToUpperInvariant())
            {
                case "SL": return LicensingMode.SmartLicensing;
                case "SLP": return LicensingMode.SmartLicensingUsingPolicy;
                default: return null;
            }
        }

        private static string ModeDetail(LicensingMode expected, LicensingMode actual, string release)
        {
            var name = RegistrationWorkflow.ModeName(expected);
            if (actual == expected) return $"the device uses {name}, as expected";
            if (actual == LicensingMode.Unknown) return $"expected {name}; 'show version' does not say which licensing mode the device uses";
            var on = string.IsNullOrEmpty(release) ? "" : $" (release {release})";
            return expected == LicensingMode.SmartLicensing
                ? $"expected SL (legacy Smart Licensing), but the device uses SLP (Smart Licensing Using Policy){on}: it reports usage instead of registering; test it with -Mode SLP or Auto"
                : $"expected SLP (Smart Licensing Using Policy), but the device uses SL (legacy Smart Licensing){on}: upgrade it to a release with SLP (IOS-XE 17.3.2, NX-OS 10.2, IOS-XR 24.1 or later), or test it with -Mode SL or Auto";
        }
    }
}
