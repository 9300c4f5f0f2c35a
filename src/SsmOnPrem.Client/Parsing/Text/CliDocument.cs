using System;
using System.Collections.Generic;
using System.Text;

namespace SsmOnPrem.Client.Parsing.Text
{
    /// <summary>
    /// Device output made ready for the parsers, in one linear pass: lines split on LF, CRLF or CR; backspaces
    /// applied the way a terminal does (pagers erase "--More--" with them); control characters and binary junk dropped;
    /// syslog messages taken out (kept in <see cref="SyslogMessages"/>); header noise ("Load for five secs",
    /// "Time source is"), pager prompts, comment lines of saved captures ("# source: ..."), the echoed command and bare
    /// prompts removed. What remains are the lines a parser reads.
    /// </summary>
    public sealed class CliDocument
    {
        private CliDocument() { }

        public IReadOnlyList<CliLine> Lines { get; private set; }

        public IReadOnlyList<SyslogMessage> SyslogMessages { get; private set; }

        /// <summary>The echoed command (prompt removed, arguments after an id token masked), or null.</summary>
        public string EchoedCommand { get; private set; }

        /// <summary>Prompts seen (echo line or bare prompt lines), e.g. "RP/0/RP0/CPU0:ios#"; used to guess the platform.</summary>
        public IReadOnlyList<string> Prompts { get; private set; }

        public static CliDocument Parse(string text)
        {
            var lines = new List<CliLine>();
            var messages = new List<SyslogMessage>();
            var prompts = new List<string>();
            string echo = null;
            text = text ?? "";

            int number = 0;
            int pos = 0;
            var buffer = new StringBuilder();
            while (pos < text.Length)
            {
                int end = pos;
                while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
                number++;
                var raw = Clean(text, pos, end, buffer);
                pos = end;
                if (pos < text.Length) pos += (text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n') ? 2 : 1;

                if (raw.IndexOf('%') >= 0 && SyslogMessage.TryParse(raw, out var message))
                {
                    messages.Add(message);
                    raw = message.Prefix + message.Continuation;
                }
                raw = RemovePager(raw);

                int indent = 0;
                while (indent < raw.Length && (raw[indent] == ' ' || raw[indent] == '\t')) indent++;
                if (indent == raw.Length) continue;
                var trimmed = raw.Substring(indent).TrimEnd();

                if (IsNoise(trimmed)) continue;
                if (TrySplitPrompt(trimmed, out var prompt, out var afterPrompt))
                {
                    prompts.Add(prompt);
                    if (afterPrompt.Length == 0) continue;
                    // A transcript may hold several commands ("terminal length 0", then "show license all"): keep the first one we know.
                    if (LooksLikeCommand(afterPrompt) && (echo == null || LicenseCommands.Normalize(echo) == null)) echo = MaskArguments(afterPrompt);
                    continue;
                }
                if (echo == null && lines.Count == 0 && LooksLikeCommand(trimmed))
                {
                    echo = MaskArguments(trimmed);
                    continue;
                }
                lines.Add(new CliLine(number, indent, trimmed));
            }

            return new CliDocument { Lines = lines, SyslogMessages = messages, EchoedCommand = echo, Prompts = prompts };
        }

        // Applies backspaces and drops control characters (keeps tab). Linear: a backspace only moves the cursor.
        private static string Clean(string text, int start, int end, StringBuilder buffer)
        {
            bool plain = true;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c < ' ' && c != '\t' || c == '\u007f' || c == '\ufffd') { plain = false; break; }
            }
            if (plain) return text.Substring(start, end - start);

            buffer.Clear();
            int cursor = 0;
            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c == '\b') { if (cursor > 0) cursor--; continue; }
                if (c == '\u001b') { i = SkipEscapeSequence(text, i, end); continue; }
                if ((c < ' ' && c != '\t') || c == '\u007f' || c == '\ufffd') continue;
                if (cursor < buffer.Length) buffer[cursor] = c; else buffer.Append(c);
                cursor++;
            }
            return buffer.ToString();
        }

        // ESC [ ... final-byte (ANSI CSI), or ESC + one character.
        private static int SkipEscapeSequence(string text, int i, int end)
        {
            if (i + 1 < end && text[i + 1] == '[')
            {
                int j = i + 2;
                while (j < end && !(text[j] >= '@' && text[j] <= '~')) j++;
                return j;
            }
            return i + 1 < end ? i + 1 : i;
        }

        private static string RemovePager(string line)
        {
            int more = line.IndexOf("--More--", StringComparison.Ordinal);
            if (more < 0) more = line.IndexOf("<--- More --->", StringComparison.Ordinal);
            if (more < 0) return line;
            var marker = line[more] == '<' ? "<--- More --->" : "--More--";
            var after = line.Substring(more + marker.Length);
            if (after.StartsWith(" ", StringComparison.Ordinal)) after = after.Substring(1);
            var before = line.Substring(0, more).TrimEnd();
            return before.Length == 0 ? after : before + after;
        }

        private static bool IsNoise(string t) =>
            t.StartsWith("Load for five secs", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("Time source is", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("No time source", StringComparison.OrdinalIgnoreCase)
            || t.StartsWith("# ", StringComparison.Ordinal) || t == "#"
            || t.StartsWith("!", StringComparison.Ordinal);

        /// <summary>
        /// "host#", "host>", "host(config)#", "RP/0/RP0/CPU0:ios#", optionally followed by a command.
        /// The host part has no spaces; '#'/'>' must follow it directly.
        /// </summary>
        internal static bool TrySplitPrompt(string t, out string prompt, out string rest)
        {
            prompt = rest = null;
            int i = 0;
            while (i < t.Length && i < 80 && IsHostChar(t[i])) i++;
            if (i == 0 || i >= t.Length || i >= 80 || !char.IsLetter(t[0])) return false;
            if (t[i] == '(')
            {
                int close = t.IndexOf(')', i);
                if (close < 0 || close > i + 40) return false;
                i = close + 1;
                if (i >= t.Length) return false;
            }
            if (t[i] != '#' && t[i] != '>') return false;
            prompt = t.Substring(0, i + 1);
            rest = t.Substring(i + 1).Trim();
            return true;
        }

        private static bool IsHostChar(char c) => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == ':';

        private static readonly string[] CommandStarts = { "show ", "sh ", "license ", "do show ", "do sh ", "do license ", "terminal ", "term " };

        internal static bool LooksLikeCommand(string t)
        {
            foreach (var s in CommandStarts)
                if (t.StartsWith(s, StringComparison.Ordinal) && t.IndexOf(':') < 0) return true;
            return false;
        }

        // "license smart register idtoken SECRET force" -> "license smart register idtoken *** force": tokens never leave the engine.
        private static string MaskArguments(string command)
        {
            var words = command.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i + 1 < words.Length; i++)
            {
                if (words[i].Equals("idtoken", StringComparison.OrdinalIgnoreCase) || words[i].Equals("token", StringComparison.OrdinalIgnoreCase))
                    words[i + 1] = "***";
            }
            return string.Join(" ", words);
        }
    }
}
