using System;
using System.Collections.Generic;
using System.Linq;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>Raised when text is not 'show license' output at all.</summary>
    public sealed class NotLicenseOutputException : Exception
    {
        public NotLicenseOutputException(string message) : base(message) { }
    }

    /// <summary>
    /// Entry point of the parsing layer: turns device text into a <see cref="LicenseStatus"/>.
    /// Foundation version: detects the command and reads the registration/authorization labels.
    /// </summary>
    public static class LicenseOutputParser
    {
        public static LicenseStatus Parse(string text, string commandHint = null, string platformHint = null)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.Trim()).ToList();
            var status = new LicenseStatus { Command = commandHint, Platform = platformHint };

            foreach (var line in lines)
            {
                var colon = line.IndexOf(':');
                if (colon <= 0) continue;
                var label = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1).Trim();
                if (label.Equals("Status", StringComparison.OrdinalIgnoreCase) && status.RegistrationStatus == RegistrationStatus.Unknown)
                    status.RegistrationStatus = ParseRegistration(value);
            }

            if (!lines.Any(l => l.IndexOf("licens", StringComparison.OrdinalIgnoreCase) >= 0))
                throw new NotLicenseOutputException("The text does not look like the output of a 'show license' command.");
            return status;
        }

        private static RegistrationStatus ParseRegistration(string value)
        {
            switch (value.ToUpperInvariant())
            {
                case "REGISTERED": return RegistrationStatus.Registered;
                case "UNREGISTERED": return RegistrationStatus.Unregistered;
                default: return RegistrationStatus.Unknown;
            }
        }
    }
}
