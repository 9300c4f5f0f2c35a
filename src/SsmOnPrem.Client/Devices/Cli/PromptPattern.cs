using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>A CLI prompt, split into its parts: "RP/0/RSP0/CPU0:edge1(config-if)#".</summary>
    public sealed class Prompt
    {
        internal Prompt(string text, string basePrompt, string mode, char terminator)
        {
            Text = text;
            Base = basePrompt;
            Mode = mode;
            Terminator = terminator;
        }

        /// <summary>The whole prompt as printed, e.g. "edge1(config)#".</summary>
        public string Text { get; }

        /// <summary>Everything before the mode and terminator: "edge1", "RP/0/RSP0/CPU0:edge1", "asa/admin".</summary>
        public string Base { get; }

        /// <summary>The mode in parentheses without them ("config", "config-call-home-profile"), or null in EXEC.</summary>
        public string Mode { get; }

        /// <summary>'#' privileged, '>' user EXEC.</summary>
        public char Terminator { get; }

        public bool IsPrivileged => Terminator == '#';
        public bool IsConfigMode => Mode != null && Mode.StartsWith("config", System.StringComparison.Ordinal);

        /// <summary>The device host name: the base without an IOS-XR "RP/0/RSP0/CPU0:" location or an ASA "/context".</summary>
        public string Hostname
        {
            get
            {
                var name = Base;
                var colon = name.LastIndexOf(':');
                if (colon >= 0) name = name.Substring(colon + 1);
                var slash = name.IndexOf('/');
                if (slash > 0) name = name.Substring(0, slash);
                return name;
            }
        }

        public override string ToString() => Text;
    }

    /// <summary>
    /// Recognises Cisco prompts: "host>", "host#", "host(config...)#", IOS-XR "RP/0/RSP0/CPU0:host#", ASA "host/ctx#".
    /// Before the prompt is known any prompt-shaped line is a candidate; once known, only prompts with the same base
    /// match, so output lines that happen to end in '#' or '>' are not mistaken for it.
    /// </summary>
    internal static class PromptPattern
    {
        // Host names: letters, digits, _ . - ; IOS-XR adds a location with / and :, ASA a /context. No spaces.
        private const string BasePart = @"(?<base>[A-Za-z0-9_.\-]+(?:[/:][A-Za-z0-9_.\-]+)*)";
        private const string ModePart = @"(?:\((?<mode>[A-Za-z0-9_.\-/ :]{1,64})\))?";
        private static readonly Regex Any = TextPatterns.Create("^" + BasePart + ModePart + @"(?<term>[>#]) ?$");

        public static Prompt TryParseAny(string line)
        {
            if (string.IsNullOrEmpty(line) || line.Length > 160) return null;
            var m = Any.Match(line.TrimStart());
            return m.Success ? ToPrompt(m) : null;
        }

        /// <summary>Matches a line against a known base prompt (any mode, either terminator).</summary>
        public static Regex ForBase(string basePrompt) =>
            TextPatterns.Create("^(?<base>" + Regex.Escape(basePrompt) + ")" + ModePart + @"(?<term>[>#]) ?$");

        public static Prompt TryParse(Regex known, string line)
        {
            if (string.IsNullOrEmpty(line) || line.Length > 200) return null;
            var m = known.Match(line.TrimStart());
            return m.Success ? ToPrompt(m) : null;
        }

        private static Prompt ToPrompt(Match m)
        {
            var mode = m.Groups["mode"].Success ? m.Groups["mode"].Value : null;
            var text = m.Value.TrimEnd().TrimStart();
            return new Prompt(text, m.Groups["base"].Value, mode, m.Groups["term"].Value[0]);
        }
    }
}
