using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>The commands the parsers know, by their canonical names (the value of LicenseStatus.Command).</summary>
    public static class LicenseCommands
    {
        public const string ShowLicenseAll = "show license all";
        public const string ShowLicenseStatus = "show license status";
        public const string ShowLicenseSummary = "show license summary";
        public const string ShowLicenseUdi = "show license udi";
        public const string ShowLicenseUsage = "show license usage";
        public const string ShowLicenseTechSupport = "show license tech support";
        public const string ShowVersion = "show version";
        public const string ShowLicenseEventlog = "show license eventlog";
        public const string ShowLicenseHistory = "show license history message";
        public const string ShowCallHomeSmartLicensing = "show call-home smart-licensing";
        public const string ShowRunningConfigCallhome = "show running-config callhome";
        public const string LicenseSmartRegister = "license smart register";
        /// <summary>Text made only of syslog messages (console log, 'show logging').</summary>
        public const string Syslog = "syslog";

        /// <summary>
        /// Canonical name of a command as typed, with abbreviations ("sh lic stat", "do show license all",
        /// "show license tech-support"); null when it is none of ours.
        /// </summary>
        public static string Normalize(string command)
        {
            if (string.IsNullOrWhiteSpace(command)) return null;
            var words = new List<string>(command.Trim().ToLowerInvariant().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries));
            int pipe = words.IndexOf("|");
            if (pipe >= 0) words.RemoveRange(pipe, words.Count - pipe);
            if (words.Count > 0 && words[0] == "do") words.RemoveAt(0);
            if (words.Count == 0) return null;
            if (words[0] == Syslog || words[0] == "logging") return Syslog;

            if (Is(words, 0, "license", 3))
            {
                if (Is(words, 1, "smart", 2) && Is(words, 2, "register", 3)) return LicenseSmartRegister;
                return null;
            }
            if (!Is(words, 0, "show", 2)) return null;
            if (Is(words, 1, "version", 3)) return ShowVersion;
            if (Is(words, 1, "call-home", 3) && words.Count > 2 && words[2].StartsWith("smart", StringComparison.Ordinal)) return ShowCallHomeSmartLicensing;
            if (Is(words, 1, "running-config", 3) && words.Count > 2 && words[2].StartsWith("callhome", StringComparison.Ordinal)) return ShowRunningConfigCallhome;
            if (!Is(words, 1, "license", 3)) return null;
            if (words.Count == 2) return ShowLicenseStatus;     // 'show license' alone prints the status on NX-OS
            var third = words[2];
            if (Is(words, 2, "all", 2)) return ShowLicenseAll;
            if (Is(words, 2, "status", 4)) return ShowLicenseStatus;
            if (Is(words, 2, "summary", 3)) return ShowLicenseSummary;
            if (Is(words, 2, "udi", 2)) return ShowLicenseUdi;
            if (Is(words, 2, "usage", 3)) return ShowLicenseUsage;
            if (third.StartsWith("tech", StringComparison.Ordinal)) return ShowLicenseTechSupport;
            if (Is(words, 2, "eventlog", 2)) return ShowLicenseEventlog;
            if (Is(words, 2, "history", 2)) return ShowLicenseHistory;
            return null;
        }

        // words[i] is an abbreviation of full, at least min characters long
        private static bool Is(List<string> words, int i, string full, int min) =>
            i < words.Count && words[i].Length >= Math.Min(min, full.Length) && full.StartsWith(words[i], StringComparison.Ordinal);
    }
}
