using SsmOnPrem.Client.Parsing.Readers;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing.Parsers
{
    // The six 'show license' commands print selections of the same Smart Agent sections, so each parser is the shared
    // SmartLicensingReader plus what only that command prints. They stay separate classes so a command that
    // diverges on some release gets its own code without touching the others.

    /// <summary>'show license status': Registration/License Authorization (legacy) or Usage Reporting/Trust Code (SLP), transport, account.</summary>
    internal sealed class ShowLicenseStatusParser : ILicenseCommandParser
    {
        public string Command => LicenseCommands.ShowLicenseStatus;

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            SmartLicensingReader.Read(document.Lines, builder);
            builder.ExpectAuthorizationAfterRegistration(Command);
        }
    }

    /// <summary>'show license all': the status plus License Usage entries, Product Information (UDI, HA UDI list), Agent Version, Usage Report Summary.</summary>
    internal sealed class ShowLicenseAllParser : ILicenseCommandParser
    {
        public string Command => LicenseCommands.ShowLicenseAll;

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            SmartLicensingReader.Read(document.Lines, builder);
            builder.ExpectAuthorizationAfterRegistration(Command);
            builder.ExpectUdi(Command);
        }
    }

    /// <summary>'show license summary': registration/authorization or account, and the License/Entitlement tag/Count/Status table.</summary>
    internal sealed class ShowLicenseSummaryParser : ILicenseCommandParser
    {
        public string Command => LicenseCommands.ShowLicenseSummary;

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            SmartLicensingReader.Read(document.Lines, builder);
            builder.ExpectAuthorizationAfterRegistration(Command);
        }
    }

    /// <summary>'show license udi': "UDI: PID:..,SN:.." and the HA UDI list (17.x), or the SlotID/PID/SN/UDI table (16.x).</summary>
    internal sealed class ShowLicenseUdiParser : ILicenseCommandParser
    {
        public string Command => LicenseCommands.ShowLicenseUdi;

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            SmartLicensingReader.Read(document.Lines, builder);
            builder.ExpectUdi(Command);
        }
    }

    /// <summary>'show license usage': per-license entries ("name (tag):" + fields), or NX-OS traditional Feature/Ins/Lic table.</summary>
    internal sealed class ShowLicenseUsageParser : ILicenseCommandParser
    {
        public string Command => LicenseCommands.ShowLicenseUsage;
        public void Parse(CliDocument document, StatusBuilder builder) => SmartLicensingReader.Read(document.Lines, builder);
    }

    /// <summary>'show license tech support': the status chapters plus "Handle:" license entries and Communication Statistics failures.</summary>
    internal sealed class ShowLicenseTechSupportParser : ILicenseCommandParser
    {
        public string Command => LicenseCommands.ShowLicenseTechSupport;

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            SmartLicensingReader.Read(document.Lines, builder);
            builder.ExpectUdi(Command);
        }
    }

    /// <summary>'show license eventlog' / 'show license history message': license output without status fields; nothing to fill.</summary>
    internal sealed class LicenseLogParser : ILicenseCommandParser
    {
        public LicenseLogParser(string command) => Command = command;
        public string Command { get; }
        public void Parse(CliDocument document, StatusBuilder builder) => builder.Recognized++;
    }
}
