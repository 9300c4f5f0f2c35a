using System;
using SsmOnPrem.Client.Parsing.Readers;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing.Parsers
{
    /// <summary>
    /// The immediate answer to 'license smart register idtoken ...': registration is asynchronous, so a device that
    /// accepted the command says so and the status is InProgress (IOS XE: "Registration process is in progress...";
    /// NX-OS: "Initiated device registration with backend..."). The outcome comes later in 'show license status'.
    /// </summary>
    internal sealed class RegisterResponseParser : ILicenseCommandParser
    {
        public string Command => LicenseCommands.LicenseSmartRegister;

        public static bool IsRegisterResponse(string text) =>
            text.StartsWith("Registration process is in progress", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("Initiated device registration with backend", StringComparison.OrdinalIgnoreCase);

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            foreach (var line in document.Lines)
            {
                if (!IsRegisterResponse(line.Text)) continue;
                builder.Status.RegistrationStatus = RegistrationStatus.InProgress;
                builder.Status.RegistrationStatusText = line.Text;
                builder.Status.Mode = LicensingMode.SmartLicensing;
                builder.Status.SmartLicensingEnabled = true;
                builder.Recognized++;
                return;
            }
        }
    }
}
