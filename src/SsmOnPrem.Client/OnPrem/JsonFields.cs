using System;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>Tolerant readers for server JSON: first of several field names, strings/numbers/booleans/dates in several forms.</summary>
    internal static class JsonFields
    {
        internal static JToken First(JObject obj, params string[] names)
        {
            if (obj == null) return null;
            foreach (var name in names)
            {
                var value = obj.GetValue(name, StringComparison.OrdinalIgnoreCase);
                if (value != null && value.Type != JTokenType.Null) return value;
            }
            return null;
        }

        internal static string String(JObject obj, params string[] names)
        {
            var v = First(obj, names);
            return v == null ? null : v.Type == JTokenType.String ? (string)v : v.ToString(Newtonsoft.Json.Formatting.None);
        }

        internal static int? Int(JObject obj, params string[] names)
        {
            var s = String(obj, names);
            return int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        }

        internal static DateTimeOffset? Date(JObject obj, params string[] names)
        {
            var v = First(obj, names);
            if (v == null) return null;
            if (v.Type == JTokenType.Integer) return DateTimeOffset.FromUnixTimeMilliseconds((long)v);
            var s = v.Type == JTokenType.Date ? ((DateTime)v).ToString("o", CultureInfo.InvariantCulture) : (string)v;
            if (string.IsNullOrWhiteSpace(s)) return null;
            if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)) return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : (DateTimeOffset?)null;
        }

        /// <summary>"Allowed"/"Not Allowed", true/false, "yes"/"no".</summary>
        internal static bool? Allowed(JObject obj, params string[] names)
        {
            var v = First(obj, names);
            if (v == null) return null;
            if (v.Type == JTokenType.Boolean) return (bool)v;
            var s = ((string)v ?? "").Trim();
            if (s.Equals("Allowed", StringComparison.OrdinalIgnoreCase) || s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("yes", StringComparison.OrdinalIgnoreCase)) return true;
            if (s.Equals("Not Allowed", StringComparison.OrdinalIgnoreCase) || s.Equals("NotAllowed", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase) || s.Equals("no", StringComparison.OrdinalIgnoreCase)) return false;
            return null;
        }

        internal static JArray Array(JToken json, params string[] names)
        {
            if (json is JArray direct) return direct;
            return First(json as JObject, names) as JArray;
        }
    }
}
