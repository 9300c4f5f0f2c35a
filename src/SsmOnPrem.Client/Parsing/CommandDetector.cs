using System;
using SsmOnPrem.Client.Parsing.Parsers;
using SsmOnPrem.Client.Parsing.Readers;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>
    /// Which command produced a text: the echoed command when there is one, otherwise what only that command prints
    /// (one pass over the lines collecting signals, then a fixed order of rules). Null when nothing looks like license output.
    /// </summary>
    internal static class CommandDetector
    {
        public static string Detect(CliDocument document)
        {
            var echoed = LicenseCommands.Normalize(document.EchoedCommand);
            if (echoed != null) return echoed;

            bool techSupport = false, allTitle = false, versionLine = false, udiTable = false, udiLine = false, callHome = false, callHomeConfig = false,
                 register = false, eventLog = false, history = false, licenseTable = false, featureTable = false, licenseEntry = false,
                 statusSection = false, authorizationSection = false, otherFields = false;

            var lines = document.Lines;
            for (int i = 0; i < lines.Count; i++)
            {
                var t = lines[i].Text;
                bool underlined = i + 1 < lines.Count && lines[i + 1].Text.StartsWith("===", StringComparison.Ordinal);
                if (t.Equals("Smart Licensing Tech Support info", StringComparison.OrdinalIgnoreCase)) techSupport = true;
                else if (lines[i].Indent == 0 && IsTechSupportOnlyChapter(t)) techSupport = true;   // its header line was trimmed
                else if (underlined && t.Equals("Smart Licensing Status", StringComparison.OrdinalIgnoreCase)) allTitle = true;
                else if (t.StartsWith("Smart Licensing Status:", StringComparison.OrdinalIgnoreCase)) versionLine = true;
                else if (t.StartsWith("SlotID", StringComparison.OrdinalIgnoreCase) && t.IndexOf("UDI", StringComparison.Ordinal) > 0) udiTable = true;
                else if (t.StartsWith("UDI:", StringComparison.Ordinal) || t.StartsWith("HA UDI List:", StringComparison.Ordinal)) udiLine = true;
                else if (t.StartsWith("Current smart-licensing transport settings", StringComparison.OrdinalIgnoreCase)) callHome = true;
                else if (t.StartsWith("destination-profile ", StringComparison.Ordinal) || t == "callhome") callHomeConfig = true;
                else if (RegisterResponseParser.IsRegisterResponse(t)) register = true;
                else if (t.IndexOf("Event Log", StringComparison.Ordinal) >= 0 && t.StartsWith("***", StringComparison.Ordinal)) eventLog = true;
                else if (t.StartsWith("Message History", StringComparison.Ordinal) || t.StartsWith("Import Message History", StringComparison.Ordinal)) history = true;
                else if (SmartLicensingReader.IsLicenseTableHeader(t)) licenseTable = true;
                else if (SmartLicensingReader.IsFeatureTableHeader(t)) featureTable = true;
                else if (lines[i].Indent == 0 && t.EndsWith("):", StringComparison.Ordinal) && t.IndexOf('(') >= 0 && !t.StartsWith("Enforced", StringComparison.Ordinal) && !t.StartsWith("Export", StringComparison.Ordinal)) licenseEntry = true;
                else if (t.Equals("License Authorization:", StringComparison.OrdinalIgnoreCase)) authorizationSection = true;
                else if (IsStatusSection(t) || t.StartsWith("Smart Licensing is ", StringComparison.OrdinalIgnoreCase)) statusSection = true;
                else if (t.StartsWith("Last ACK received:", StringComparison.OrdinalIgnoreCase) || t.StartsWith("Trust Code Installed", StringComparison.OrdinalIgnoreCase)) otherFields = true;
            }

            if (techSupport) return LicenseCommands.ShowLicenseTechSupport;
            if (eventLog) return LicenseCommands.ShowLicenseEventlog;
            if (history) return LicenseCommands.ShowLicenseHistory;
            if (allTitle) return LicenseCommands.ShowLicenseAll;
            if (versionLine) return LicenseCommands.ShowVersion;
            if (licenseTable) return LicenseCommands.ShowLicenseSummary;
            if (featureTable) return LicenseCommands.ShowLicenseUsage;
            if (statusSection || otherFields) return LicenseCommands.ShowLicenseStatus;
            if (licenseEntry) return LicenseCommands.ShowLicenseUsage;
            if (authorizationSection) return LicenseCommands.ShowLicenseStatus;
            if (udiTable || udiLine) return LicenseCommands.ShowLicenseUdi;
            if (register) return LicenseCommands.LicenseSmartRegister;
            if (callHome) return LicenseCommands.ShowCallHomeSmartLicensing;
            if (callHomeConfig) return LicenseCommands.ShowRunningConfigCallhome;
            foreach (var m in document.SyslogMessages)
                if (SyslogStatusParser.IsLicenseMessage(m)) return LicenseCommands.Syslog;
            return null;
        }

        // Chapters 'show license tech support' prints and 'show license all' does not (the IOS-XE 17 captures of both).
        private static readonly string[] TechSupportOnlyChapters =
        {
            "Upcoming Scheduled Jobs", "Communication Statistics", "License Certificates", "HA Info", "Other Info", "Platform Provided Mapping Table",
        };

        private static bool IsTechSupportOnlyChapter(string t)
        {
            var title = t.TrimEnd(':', ' ');
            foreach (var chapter in TechSupportOnlyChapters)
                if (title.Equals(chapter, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        private static bool IsStatusSection(string t) =>
            t.Equals("Registration:", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Smart Licensing Using Policy:", StringComparison.OrdinalIgnoreCase) || t.Equals("Usage Reporting:", StringComparison.OrdinalIgnoreCase)
            || t.Equals("Account Information:", StringComparison.OrdinalIgnoreCase) || t.Equals("Transport:", StringComparison.OrdinalIgnoreCase);
    }
}
