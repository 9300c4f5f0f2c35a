using System;
using System.Globalization;

namespace SsmOnPrem.Client.Parsing.Text
{
    /// <summary>Value normalisation shared by every parser: none-words, status words, "X on &lt;date&gt;", "As of &lt;date&gt;", numbers with suffixes.</summary>
    public static class CiscoValues
    {
        /// <summary>"&lt;none&gt;", "None", "&lt;empty&gt;", "Not Configured", "" (and null) mean "no value".</summary>
        public static bool IsNone(string value)
        {
            if (string.IsNullOrWhiteSpace(value)) return true;
            var v = value.Trim();
            return v.Equals("<none>", StringComparison.OrdinalIgnoreCase) || v.Equals("none", StringComparison.OrdinalIgnoreCase)
                || v.Equals("<empty>", StringComparison.OrdinalIgnoreCase) || v.Equals("Not Configured", StringComparison.OrdinalIgnoreCase)
                || v.Equals("'nullPtr'", StringComparison.Ordinal) || v.Equals("N/A", StringComparison.OrdinalIgnoreCase);
        }

        public static string NullIfNone(string value) => IsNone(value) ? null : value.Trim();

        /// <summary>"ALLOWED"/"Allowed" → true, "NOT ALLOWED"/"Not Allowed" → false.</summary>
        public static bool? ParseAllowed(string value)
        {
            if (IsNone(value)) return null;
            var v = value.Trim().ToUpperInvariant();
            if (v.StartsWith("NOT ALLOWED", StringComparison.Ordinal) || v == "NOT-ALLOWED" || v == "DISALLOWED") return false;
            if (v.StartsWith("ALLOWED", StringComparison.Ordinal)) return true;
            return null;
        }

        /// <summary>ENABLED/DISABLED, True/False, yes/no.</summary>
        public static bool? ParseBool(string value)
        {
            if (IsNone(value)) return null;
            var v = value.Trim().ToUpperInvariant();
            if (v.StartsWith("ENABLE", StringComparison.Ordinal) || v == "TRUE" || v == "YES") return true;
            if (v.StartsWith("DISABLE", StringComparison.Ordinal) || v == "FALSE" || v == "NO") return false;
            return null;
        }

        /// <summary>SUCCEEDED/SUCCESS → Succeeded; FAILED → Failed; "First Attempt Pending" → Pending.</summary>
        public static AttemptResult ParseAttempt(string word)
        {
            if (IsNone(word)) return AttemptResult.Unknown;
            var v = word.Trim().ToUpperInvariant();
            if (v.StartsWith("SUCCE", StringComparison.Ordinal) || v == "OK") return AttemptResult.Succeeded;
            if (v.StartsWith("FAIL", StringComparison.Ordinal)) return AttemptResult.Failed;
            if (v.IndexOf("PENDING", StringComparison.Ordinal) >= 0) return AttemptResult.Pending;
            return AttemptResult.Unknown;
        }

        /// <summary>Splits "SUCCEEDED on Mar 13 08:09:24 2024 UTC" into ("SUCCEEDED", "Mar 13 08:09:24 2024 UTC"); a bare date gives (null, date).</summary>
        public static void SplitOn(string value, out string word, out string date)
        {
            word = date = null;
            if (IsNone(value)) return;
            var v = value.Trim();
            int on = IndexOfWord(v, "on");
            if (on >= 0)
            {
                word = v.Substring(0, on).Trim();
                date = v.Substring(on + 2).Trim();
                return;
            }
            if (CiscoDate.TryParse(v, out _) != CiscoDate.Outcome.NotADate) date = v; else word = v;
        }

        /// <summary>"BU Production Test As of Jan 30 06:27:46 2025 IST" → ("BU Production Test", "Jan 30 06:27:46 2025 IST").</summary>
        public static string StripAsOf(string value, out string asOf)
        {
            asOf = null;
            if (value == null) return null;
            int at = value.IndexOf(" As of ", StringComparison.OrdinalIgnoreCase);
            if (at < 0) return value.Trim();
            asOf = value.Substring(at + 7).Trim();
            return value.Substring(0, at).Trim();
        }

        /// <summary>Leading integer of "0(10)", "30  days", "3", "162,"; null when there is none.</summary>
        public static int? LeadingInt(string value)
        {
            if (value == null) return null;
            var v = value.Trim();
            int n = 0;
            while (n < v.Length && n < 9 && v[n] >= '0' && v[n] <= '9') n++;
            if (n == 0) return null;
            return int.Parse(v.Substring(0, n), NumberStyles.None, CultureInfo.InvariantCulture);
        }

        /// <summary>"IN USE(15)" → "IN USE".</summary>
        public static string StripParenCode(string value)
        {
            if (value == null) return null;
            var v = value.Trim();
            int open = v.LastIndexOf('(');
            if (open > 0 && v.EndsWith(")", StringComparison.Ordinal) && LeadingInt(v.Substring(open + 1)) != null) v = v.Substring(0, open).TrimEnd();
            return v;
        }

        /// <summary>"89 days, 1 hours, 33 minutes, 51 seconds" → TimeSpan.</summary>
        public static TimeSpan? ParseDuration(string value)
        {
            if (IsNone(value)) return null;
            var parts = value.Split(',');
            var total = TimeSpan.Zero;
            bool any = false;
            foreach (var raw in parts)
            {
                var p = raw.Trim();
                var n = LeadingInt(p);
                if (n == null) continue;
                var unit = p.Substring(p.IndexOf(' ') + 1).Trim().ToLowerInvariant();
                if (unit.StartsWith("day", StringComparison.Ordinal)) total += TimeSpan.FromDays(n.Value);
                else if (unit.StartsWith("hour", StringComparison.Ordinal)) total += TimeSpan.FromHours(n.Value);
                else if (unit.StartsWith("min", StringComparison.Ordinal)) total += TimeSpan.FromMinutes(n.Value);
                else if (unit.StartsWith("sec", StringComparison.Ordinal)) total += TimeSpan.FromSeconds(n.Value);
                else continue;
                any = true;
            }
            return any ? total : (TimeSpan?)null;
        }

        /// <summary>"PID:C9300-24UX,SN:FCW2303D16Y" (also the short "P:x,S:y"); null when the text is not a UDI.</summary>
        public static Udi ParseUdi(string value, string role = null)
        {
            if (IsNone(value)) return null;
            var v = value.Trim();
            string pid = null, sn = null;
            foreach (var part in v.Split(','))
            {
                var p = part.Trim();
                int colon = p.IndexOf(':');
                if (colon <= 0) continue;
                var key = p.Substring(0, colon).Trim().ToUpperInvariant();
                var val = p.Substring(colon + 1).Trim();
                if (key == "PID" || key == "P") pid = val;
                else if (key == "SN" || key == "S") sn = val;
            }
            if (pid == null && sn == null) return null;
            return new Udi { Pid = pid, SerialNumber = sn, Role = role };
        }

        public static RegistrationStatus? ParseRegistration(string value)
        {
            if (IsNone(value)) return null;
            var v = value.Trim().ToUpperInvariant();
            if (v.IndexOf("NOT APPLICABLE", StringComparison.Ordinal) >= 0) return RegistrationStatus.NotApplicable;
            if (v.IndexOf("FAIL", StringComparison.Ordinal) >= 0) return RegistrationStatus.Failed;
            if (v.IndexOf("RETRY", StringComparison.Ordinal) >= 0) return RegistrationStatus.Retry;
            if (v.IndexOf("PROGRESS", StringComparison.Ordinal) >= 0 || v.StartsWith("REGISTERING", StringComparison.Ordinal) || v.IndexOf("PENDING", StringComparison.Ordinal) >= 0) return RegistrationStatus.InProgress;
            if (v.StartsWith("UNREGISTERED", StringComparison.Ordinal) || v.StartsWith("DEREGISTERED", StringComparison.Ordinal) || v.StartsWith("NOT REGISTERED", StringComparison.Ordinal)) return RegistrationStatus.Unregistered;
            if (v.StartsWith("REGISTERED", StringComparison.Ordinal)) return RegistrationStatus.Registered;
            return null;
        }

        public static AuthorizationStatus? ParseAuthorization(string value)
        {
            if (IsNone(value)) return null;
            var v = value.Trim().ToUpperInvariant();
            if (v.IndexOf("NOT APPLICABLE", StringComparison.Ordinal) >= 0) return AuthorizationStatus.NotApplicable;
            if (v.IndexOf("NO LICENSES IN USE", StringComparison.Ordinal) >= 0) return AuthorizationStatus.NoLicensesInUse;
            if (v.StartsWith("EVAL", StringComparison.Ordinal))
                return v.IndexOf("EXPIRED", StringComparison.Ordinal) >= 0 ? AuthorizationStatus.EvalExpired : AuthorizationStatus.EvalMode;
            if (v.IndexOf("OUT OF COMPLIANCE", StringComparison.Ordinal) >= 0 || v == "OOC") return AuthorizationStatus.OutOfCompliance;
            if (v.IndexOf("EXPIRED", StringComparison.Ordinal) >= 0) return AuthorizationStatus.AuthorizationExpired;
            if (v.StartsWith("AUTHORIZED", StringComparison.Ordinal))
                return v.IndexOf("RESERV", StringComparison.Ordinal) >= 0 ? AuthorizationStatus.AuthorizedReservation : AuthorizationStatus.Authorized;
            if (v.StartsWith("RESERVED", StringComparison.Ordinal) || v.StartsWith("RESERVATION", StringComparison.Ordinal)) return AuthorizationStatus.AuthorizedReservation;
            return null;
        }

        public static TransportType? ParseTransport(string value)
        {
            if (IsNone(value)) return null;
            var v = value.Trim().ToUpperInvariant();
            if (v.StartsWith("CALLHOME", StringComparison.Ordinal) || v.StartsWith("CALL-HOME", StringComparison.Ordinal) || v.StartsWith("CALL HOME", StringComparison.Ordinal)) return TransportType.Callhome;
            if (v.StartsWith("SMART", StringComparison.Ordinal)) return TransportType.Smart;
            if (v.StartsWith("CSLU", StringComparison.Ordinal)) return TransportType.Cslu;
            if (v.IndexOf("OFF", StringComparison.Ordinal) >= 0 || v.StartsWith("DISABLED", StringComparison.Ordinal)) return TransportType.Off;
            if (v.StartsWith("AUTO", StringComparison.Ordinal)) return TransportType.Automatic;
            return null;
        }

        private static int IndexOfWord(string text, string word)
        {
            int from = 0;
            while (true)
            {
                int at = text.IndexOf(word, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0) return -1;
                bool startOk = at > 0 && text[at - 1] == ' ';
                bool endOk = at + word.Length < text.Length && text[at + word.Length] == ' ';
                if (startOk && endOk) return at;
                from = at + 1;
            }
        }
    }
}
