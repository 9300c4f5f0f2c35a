using System;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing.Readers
{
    /// <summary>Fills a <see cref="LicenseStatus"/> from label values, turning what it cannot understand into warnings.</summary>
    internal sealed class StatusBuilder
    {
        public StatusBuilder(LicenseStatus status) => Status = status;

        public LicenseStatus Status { get; }

        /// <summary>How many fields were understood (0 means the text held nothing we know).</summary>
        public int Recognized { get; set; }

        public bool SawSmartLicensingSection { get; set; }
        public bool SawPolicySignal { get; set; }

        public void Warn(CliLine line, string why) =>
            Status.Warnings.Add(line == null ? why : $"line {line.Number}: '{Shorten(line.Text)}': {why}");

        public DateTimeOffset? Date(CliLine line, string value)
        {
            if (CiscoValues.IsNone(value)) { Recognized++; return null; }
            switch (CiscoDate.TryParse(value, out var date))
            {
                case CiscoDate.Outcome.Converted: Recognized++; return date;
                case CiscoDate.Outcome.UnknownZone: Warn(line, "the date has no time zone we know; left empty"); return null;
                default: Warn(line, "not a date we know; left empty"); return null;
            }
        }

        public void Registration(CliLine line, string value)
        {
            var parsed = CiscoValues.ParseRegistration(value);
            Status.RegistrationStatusText = CiscoValues.NullIfNone(value);
            if (parsed == null) { Warn(line, "unknown registration status"); return; }
            Status.RegistrationStatus = parsed.Value;
            Recognized++;
        }

        public void Authorization(CliLine line, string value)
        {
            CiscoValues.SplitOn(value, out var word, out var date);
            var text = word ?? value;
            var parsed = CiscoValues.ParseAuthorization(text);
            Status.AuthorizationStatusText = CiscoValues.NullIfNone(text);
            if (date != null) Status.AuthorizationStatusSince = Date(line, date);
            if (parsed == null) { Warn(line, "unknown authorization status"); return; }
            Status.AuthorizationStatus = parsed.Value;
            Recognized++;
        }

        public void Transport(CliLine line, string value)
        {
            var parsed = CiscoValues.ParseTransport(value);
            if (parsed == null) { Warn(line, "unknown transport type"); return; }
            Status.TransportType = parsed.Value;
            Recognized++;
        }

        /// <summary>Legacy output with a registration but no authorization status: the text was probably cut short.</summary>
        public void ExpectAuthorizationAfterRegistration(string command)
        {
            if (Status.Mode == LicensingMode.SmartLicensing && Status.RegistrationStatus != RegistrationStatus.Unknown
                && Status.AuthorizationStatus == AuthorizationStatus.Unknown)
                Warn(null, $"'{command}' output without a License Authorization status; the output may be truncated.");
        }

        /// <summary>Outputs that always print the UDI (Product Information) but did not here.</summary>
        public void ExpectUdi(string command)
        {
            if (Status.Udi == null) Warn(null, $"'{command}' output without a UDI; the output may be truncated.");
        }

        private static string Shorten(string text) => text.Length <= 120 ? text : text.Substring(0, 117) + "...";
    }
}
