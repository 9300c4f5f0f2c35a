using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>Turns Cisco release strings into comparable versions: "17.03.04a" → 17.3.4, "10.2(3)" → 10.2.3, "9.16(3)19" → 9.16.3.19.</summary>
    public static class ReleaseVersion
    {
        private static readonly Regex Numbers = TextPatterns.Create(@"\d+");

        public static Version Parse(string release)
        {
            if (string.IsNullOrEmpty(release)) return null;
            var parts = new List<int>();
            // Only the leading numeric part: "7.0(3)I7(8)" stops at the letter after "7.0(3)".
            var m = TextPatterns.Match(release, @"^\d+(?:[.(]\d+\)?)*");
            if (!m.Success) return null;
            foreach (Match n in Numbers.Matches(m.Value))
            {
                if (parts.Count == 4) break;
                if (!int.TryParse(n.Value, out var value)) return null;
                parts.Add(value);
            }
            while (parts.Count < 2) parts.Add(0);
            switch (parts.Count)
            {
                case 2: return new Version(parts[0], parts[1]);
                case 3: return new Version(parts[0], parts[1], parts[2]);
                default: return new Version(parts[0], parts[1], parts[2], parts[3]);
            }
        }

        /// <summary>True when <paramref name="release"/> is at or after <paramref name="minimum"/> (e.g. "17.3.2").</summary>
        public static bool AtLeast(string release, string minimum)
        {
            var v = Parse(release);
            var min = Parse(minimum);
            return v != null && min != null && Normalize(v) >= Normalize(min);
        }

        private static Version Normalize(Version v) => new Version(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0));
    }
}
