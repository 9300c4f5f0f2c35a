using System;
using System.Globalization;

namespace SsmOnPrem.Lab.Devices
{
    /// <summary>Small formatting helpers shared by the show outputs.</summary>
    public static class DeviceText
    {
        public static string Hostname(DeviceRuntime d)
        {
            var line = d.Config.Children.Find(c => c.Line.StartsWith("hostname ", StringComparison.OrdinalIgnoreCase));
            return line != null ? line.Line.Substring(9).Trim() : d.Profile.Hostname;
        }

        /// <summary>"Mar 13 08:09:24 2024 UTC", the form IOS-XE prints.</summary>
        public static string Date(DateTimeOffset? when) =>
            when.HasValue ? when.Value.UtcDateTime.ToString("MMM dd HH:mm:ss yyyy", CultureInfo.InvariantCulture) + " UTC" : "<none>";

        /// <summary>ASA: "Jan 05 2023 12:19:01 UTC".</summary>
        public static string AsaDate(DateTimeOffset? when) =>
            when.HasValue ? when.Value.UtcDateTime.ToString("MMM dd yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "<none>";

        public static string Uptime(DateTimeOffset since)
        {
            var t = DateTimeOffset.UtcNow - since;
            return $"{(int)t.TotalDays / 7} weeks, {(int)t.TotalDays % 7} days, {t.Hours} hours, {t.Minutes} minutes";
        }
    }
}
