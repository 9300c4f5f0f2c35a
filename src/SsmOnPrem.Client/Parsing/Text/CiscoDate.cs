using System;
using System.Collections.Generic;
using System.Globalization;

namespace SsmOnPrem.Client.Parsing.Text
{
    /// <summary>
    /// Dates as Cisco devices print them, read from the start of a value (the rest of the value is ignored):
    /// "Mar 13 08:09:24 2024 UTC" (IOS XE / NX-OS), "Jan 05 2023 12:19:01 UTC" (ASA: year before the time),
    /// "2021-11-17 03:31:32.920 UTC" (event log), "Wed Jun 22 16:14:37 2022 UTC" (weekday first); zones by abbreviation,
    /// any case ("est"), or numeric ("+05:30"). A date whose zone is missing or unknown is not converted (the caller warns):
    /// a wrong offset is worse than none.
    /// </summary>
    public static class CiscoDate
    {
        private static readonly Dictionary<string, TimeSpan> Zones = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase)
        {
            ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero, ["WET"] = TimeSpan.Zero,
            ["WEST"] = H(1), ["BST"] = H(1), ["CET"] = H(1), ["MET"] = H(1), ["CEST"] = H(2), ["MEST"] = H(2),
            ["EET"] = H(2), ["EEST"] = H(3), ["MSK"] = H(3), ["SAST"] = H(2),
            ["IST"] = H(5.5),        // India Standard Time: the reading Cisco documentation and Indian labs use
            ["PKT"] = H(5), ["SGT"] = H(8), ["HKT"] = H(8), ["AWST"] = H(8), ["CCT"] = H(8), ["PHT"] = H(8),
            ["JST"] = H(9), ["KST"] = H(9), ["ACST"] = H(9.5), ["ACDT"] = H(10.5), ["AEST"] = H(10), ["AEDT"] = H(11),
            ["NZST"] = H(12), ["NZDT"] = H(13),
            ["AST"] = H(-4), ["ADT"] = H(-3), ["NST"] = H(-3.5), ["NDT"] = H(-2.5), ["BRT"] = H(-3), ["ART"] = H(-3),
            ["EST"] = H(-5), ["EDT"] = H(-4), ["CST"] = H(-6), ["CDT"] = H(-5),
            ["MST"] = H(-7), ["MDT"] = H(-6), ["PST"] = H(-8), ["PDT"] = H(-7),
            ["AKST"] = H(-9), ["AKDT"] = H(-8), ["HST"] = H(-10),
        };

        private static TimeSpan H(double hours) => TimeSpan.FromMinutes(hours * 60);

        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
        private static readonly string[] Weekdays = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

        /// <summary>Result of <see cref="TryParse"/>: the date, or why it could not be converted.</summary>
        public enum Outcome { NotADate, Converted, UnknownZone }

        /// <summary>Reads a date from the start of <paramref name="value"/>.</summary>
        public static Outcome TryParse(string value, out DateTimeOffset date)
        {
            date = default;
            if (string.IsNullOrEmpty(value)) return Outcome.NotADate;
            var tokens = FirstTokens(value, 7);
            int i = 0;
            if (i < tokens.Count && IsWeekday(tokens[i])) i++;

            int year = -1, month = -1, day = -1;
            TimeSpan time = default;
            bool haveTime = false;

            if (i < tokens.Count && TryIsoDate(tokens[i], out year, out month, out day))
            {
                i++;
                if (i < tokens.Count && TryTime(tokens[i], out time)) { haveTime = true; i++; }
            }
            else
            {
                if (i >= tokens.Count || (month = MonthOf(tokens[i])) < 0) return Outcome.NotADate;
                i++;
                if (i >= tokens.Count || !TryInt(tokens[i].TrimEnd(','), 1, 31, out day)) return Outcome.NotADate;
                i++;
                // "hh:mm:ss yyyy" or "yyyy hh:mm:ss" (ASA)
                for (int k = 0; k < 2 && i < tokens.Count; k++)
                {
                    if (!haveTime && TryTime(tokens[i], out time)) { haveTime = true; i++; continue; }
                    if (year < 0 && TryInt(tokens[i].TrimEnd(','), 1970, 2200, out year)) { i++; continue; }
                    break;
                }
            }
            if (!haveTime || year < 0) return Outcome.NotADate;

            if (i >= tokens.Count || !TryZone(tokens[i], out var offset)) return Outcome.UnknownZone;
            try
            {
                date = new DateTimeOffset(year, month, day, 0, 0, 0, offset).Add(time);
                return Outcome.Converted;
            }
            catch (ArgumentException)
            {
                return Outcome.NotADate;
            }
        }

        /// <summary>Convenience: the date or null.</summary>
        public static DateTimeOffset? ParseOrNull(string value) => TryParse(value, out var d) == Outcome.Converted ? d : (DateTimeOffset?)null;

        private static List<string> FirstTokens(string value, int max)
        {
            var tokens = new List<string>(max);
            int i = 0;
            while (tokens.Count < max && i < value.Length)
            {
                while (i < value.Length && (value[i] == ' ' || value[i] == '\t')) i++;
                int start = i;
                while (i < value.Length && value[i] != ' ' && value[i] != '\t') i++;
                if (i > start) tokens.Add(value.Substring(start, i - start));
            }
            return tokens;
        }

        private static bool IsWeekday(string t)
        {
            foreach (var w in Weekdays) if (string.Equals(w, t.TrimEnd(','), StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        private static int MonthOf(string t)
        {
            for (int m = 0; m < 12; m++) if (string.Equals(Months[m], t, StringComparison.OrdinalIgnoreCase)) return m + 1;
            return -1;
        }

        private static bool TryInt(string t, int min, int max, out int value) =>
            int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

        // hh:mm:ss[.fff]; a leading '*' or '.' (clock not synchronised) is tolerated.
        private static bool TryTime(string t, out TimeSpan time)
        {
            time = default;
            t = t.TrimStart('*', '.').TrimEnd(',');
            var parts = t.Split(':');
            if (parts.Length != 3) return false;
            if (!TryInt(parts[0], 0, 23, out var h) || !TryInt(parts[1], 0, 59, out var m)) return false;
            var secParts = parts[2].Split('.');
            if (!TryInt(secParts[0], 0, 60, out var s)) return false;
            int ms = 0;
            if (secParts.Length == 2)
            {
                var frac = secParts[1].Length > 3 ? secParts[1].Substring(0, 3) : secParts[1].PadRight(3, '0');
                if (!TryInt(frac, 0, 999, out ms)) return false;
            }
            else if (secParts.Length > 2) return false;
            time = new TimeSpan(0, h, m, Math.Min(s, 59), ms);
            return true;
        }

        private static bool TryIsoDate(string t, out int year, out int month, out int day)
        {
            year = month = day = -1;
            var parts = t.Split('-');
            return parts.Length == 3 && TryInt(parts[0], 1970, 2200, out year) && TryInt(parts[1], 1, 12, out month) && TryInt(parts[2], 1, 31, out day);
        }

        private static bool TryZone(string t, out TimeSpan offset)
        {
            t = t.TrimEnd(',', ')', '.');
            if (Zones.TryGetValue(t, out offset)) return true;
            // "+05:30", "-0800", "UTC+5"
            var s = t.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) || t.StartsWith("GMT", StringComparison.OrdinalIgnoreCase) ? t.Substring(3) : t;
            if (s.Length < 2 || (s[0] != '+' && s[0] != '-')) return false;
            int sign = s[0] == '-' ? -1 : 1;
            var digits = s.Substring(1).Replace(":", "");
            int hours, minutes = 0;
            if (digits.Length <= 2) { if (!TryInt(digits, 0, 14, out hours)) return false; }
            else if (digits.Length == 4) { if (!TryInt(digits.Substring(0, 2), 0, 14, out hours) || !TryInt(digits.Substring(2), 0, 59, out minutes)) return false; }
            else return false;
            offset = TimeSpan.FromMinutes(sign * (hours * 60 + minutes));
            return true;
        }
    }
}
