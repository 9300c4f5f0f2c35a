using System;
using SsmOnPrem.Client.Parsing.Readers;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing.Parsers
{
    /// <summary>
    /// The Smart Licensing line of 'show version' (IOS XE): "Smart Licensing Status: REGISTERED/AUTHORIZED" (legacy:
    /// registration/authorization), "Smart Licensing Status: Smart Licensing Using Policy" (SLP), or
    /// "Registration Not Applicable/Not Applicable" (SLP-era images).
    /// </summary>
    internal sealed class ShowVersionParser : ILicenseCommandParser
    {
        private const string Label = "Smart Licensing Status:";

        public string Command => LicenseCommands.ShowVersion;

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            var s = builder.Status;
            bool seen = false;
            foreach (var line in document.Lines)
            {
                if (!line.Text.StartsWith(Label, StringComparison.OrdinalIgnoreCase)) continue;
                if (seen) { builder.Warn(line, "another 'Smart Licensing Status:' line (several outputs in one text?); the first one was used"); continue; }
                seen = true;
                var value = line.Text.Substring(Label.Length).Trim();
                if (value.IndexOf("Using Policy", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    s.Mode = LicensingMode.SmartLicensingUsingPolicy;
                    s.SmartLicensingEnabled = true;
                    builder.Recognized++;
                    continue;
                }
                int slash = value.IndexOf('/');
                var registration = slash >= 0 ? value.Substring(0, slash) : value;
                builder.Registration(line, registration);
                if (slash >= 0) builder.Authorization(line, value.Substring(slash + 1));
                if (s.RegistrationStatus == RegistrationStatus.NotApplicable) s.Mode = LicensingMode.SmartLicensingUsingPolicy;
                else if (s.RegistrationStatus != RegistrationStatus.Unknown) { s.Mode = LicensingMode.SmartLicensing; s.SmartLicensingEnabled = true; }
            }
        }
    }
}
