using System;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace SsmOnPrem.Client.OnPrem
{
    /// <summary>Masks secret-bearing fields in a JSON body before it is written to the debug stream.</summary>
    internal static class JsonRedactor
    {
        private static readonly string[] SecretNames = { "token", "tokens", "access_token", "id_token", "refresh_token", "client_secret", "idToken", "secret", "password" };

        /// <summary>Adds every secret-named string value in <paramref name="json"/> to the masker (before anything is logged).</summary>
        internal static void RememberSecrets(JToken json, Common.SecretMasker masker)
        {
            if (json is JObject obj)
            {
                foreach (var property in obj.Properties())
                {
                    if (IsSecret(property.Name))
                    {
                        if (property.Value.Type == JTokenType.String) masker.Add((string)property.Value);
                        else if (property.Value is JArray items)
                            foreach (var item in items) if (item.Type == JTokenType.String) masker.Add((string)item);
                    }
                    RememberSecrets(property.Value, masker);
                }
            }
            else if (json is JArray array)
            {
                foreach (var item in array) RememberSecrets(item, masker);
            }
        }

        internal static string Redact(JToken json)
        {
            var copy = json.DeepClone();
            Walk(copy);
            return copy.ToString(Formatting.None);
        }

        private static void Walk(JToken node)
        {
            if (node is JObject obj)
            {
                foreach (var property in obj.Properties())
                {
                    if (IsSecret(property.Name) && property.Value.Type != JTokenType.Object) property.Value = MaskValue(property.Value);
                    else Walk(property.Value);
                }
            }
            else if (node is JArray array)
            {
                foreach (var item in array) Walk(item);
            }
        }

        private static JToken MaskValue(JToken value)
        {
            if (value is JArray array)
            {
                var masked = new JArray();
                foreach (var item in array)
                {
                    if (item.Type == JTokenType.String) { masked.Add(Common.SecretMasker.Mask); continue; }
                    var walked = item.DeepClone();
                    Walk(walked);
                    masked.Add(walked);
                }
                return masked;
            }
            return value.Type == JTokenType.Null ? value : Common.SecretMasker.Mask;
        }

        private static bool IsSecret(string name)
        {
            foreach (var n in SecretNames) if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}
