using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Workflows.Fleet
{
    /// <summary>
    /// Warnings that many devices of one run share (an old fleet that negotiates SHA-1 everywhere): the first few are
    /// written as they come, the rest are counted and summed up once when the run ends, so 10,000 old devices give a
    /// handful of warning lines, not 10,000. Each device's result still carries its own details. Pipeline thread only.
    /// </summary>
    public sealed class RepeatedWarnings
    {
        /// <summary>How many devices' warnings of one kind are written in full before the rest are only counted.</summary>
        public const int ShownPerKind = 3;
        private const int TargetsNamed = 5;
        internal const string DevicePlaceholder = "<device>";

        private readonly Dictionary<string, Held> _kinds = new Dictionary<string, Held>(StringComparer.Ordinal);

        /// <summary>
        /// Whether to write this device's warning now (true for the first <see cref="ShownPerKind"/> of its kind);
        /// otherwise it is counted for <see cref="Summaries"/>. The kind is the text with the device's name (and
        /// ':port') taken out.
        /// </summary>
        public bool ShouldWrite(string target, string message)
        {
            var kind = KindOf(target, message ?? string.Empty, out var named);
            if (!_kinds.TryGetValue(kind, out var held)) _kinds[kind] = held = new Held();
            held.Seen++;
            if (held.Seen <= ShownPerKind) return true;
            if (held.Targets.Count < TargetsNamed && named != null) held.Targets.Add(named);
            return false;
        }

        /// <summary>One line per kind that had devices only counted: how many, the first few, and the shared text.</summary>
        public IEnumerable<string> Summaries()
        {
            foreach (var pair in _kinds.Where(k => k.Value.Seen > ShownPerKind))
            {
                var more = pair.Value.Seen - ShownPerKind;
                var named = string.Join(", ", pair.Value.Targets) + (more > pair.Value.Targets.Count ? ", ..." : string.Empty);
                yield return $"The same warning for {more} more device{(more == 1 ? string.Empty : "s")} ({named}): {pair.Key}";
            }
        }

        internal static string KindOf(string target, string message) => KindOf(target, message, out _);

        /// <summary>The text with the device taken out; <paramref name="named"/> is how the text named it (with its port, if given).</summary>
        internal static string KindOf(string target, string message, out string named)
        {
            named = target;
            if (string.IsNullOrEmpty(target)) return message;
            // The name as a whole word only ('e' must not match inside 'negotiated').
            var pattern = @"(?<![\w.-])" + Regex.Escape(target) + @"(?::\d+)?(?![\w.-])";
            var first = TextPatterns.Match(message, pattern);
            if (first.Success) named = first.Value;
            return TextPatterns.Replace(message, pattern, DevicePlaceholder);
        }

        private sealed class Held
        {
            public int Seen;
            public readonly List<string> Targets = new List<string>();
        }
    }
}
