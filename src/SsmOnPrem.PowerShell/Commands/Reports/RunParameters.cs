using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text.RegularExpressions;

namespace SsmOnPrem.Commands.Reports
{
    /// <summary>
    /// The "Run" table of a report from -RunParameter (typically a runbook's $PSBoundParameters). A report is mailed
    /// and attached to tickets, so no secret may reach it: credentials show their user name only, SecureStrings and any
    /// parameter whose name says secret, password, token or key show "(not shown)".
    /// </summary>
    internal static class RunParameters
    {
        private static readonly Regex SecretName = new Regex("pass|secret|token|key|credential|cred$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private const int MaxValueLength = 200;

        internal static IEnumerable<KeyValuePair<string, string>> Describe(IDictionary parameters)
        {
            if (parameters == null) yield break;
            foreach (DictionaryEntry entry in parameters)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                if (string.IsNullOrEmpty(name)) continue;
                yield return new KeyValuePair<string, string>(name, Show(name, entry.Value));
            }
        }

        internal static string Show(string name, object value)
        {
            if (value is PSObject ps) value = ps.BaseObject;
            switch (value)
            {
                case null: return "";
                case PSCredential credential: return $"{credential.UserName} (credential; password not shown)";
                case SecureString _: return "(not shown)";
                case ScriptBlock _: return "(script block)";
            }
            // A switch or a flag says nothing secret (-NewToken, -KeepToken); anything else under a secret-like name is hidden.
            if (value is SwitchParameter sw) return sw.IsPresent ? "True" : "False";
            if (value is bool flag) return flag ? "True" : "False";
            if (SecretName.IsMatch(name)) return "(not shown)";
            if (value is IDictionary) return "(table)";
            if (value is IEnumerable list && !(value is string))
                return Limit(string.Join(", ", list.Cast<object>().Select(o => Show(name, o))));
            return Limit(Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        private static string Limit(string text) => text != null && text.Length > MaxValueLength ? text.Substring(0, MaxValueLength - 1) + "…" : text;
    }
}
