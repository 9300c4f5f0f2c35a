using System.Text;

namespace SsmOnPrem.Client.Common
{
    /// <summary>
    /// Makes text from a device or a server safe to print: ANSI/VT escape sequences (7-bit ESC and 8-bit CSI/OSC forms)
    /// are removed, and so are the other C0 controls (except tab and line ends) and the C1 controls U+0080–U+009F, which
    /// some terminals obey as commands (docs/SECURITY.md, "Clean text in and out").
    /// </summary>
    public static class ConsoleText
    {
        public static string Clean(string text)
        {
            if (string.IsNullOrEmpty(text) || !NeedsCleaning(text)) return text;
            var sb = new StringBuilder(text.Length);
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\x1B' || c == '\x9B' || c == '\x9D' || c == '\x90' || c == '\x9E' || c == '\x9F')
                {
                    i = SkipSequence(text, i);
                    continue;
                }
                if (!IsControl(c)) sb.Append(c);
                i++;
            }
            return sb.ToString();
        }

        private static bool NeedsCleaning(string text)
        {
            foreach (var c in text) if (IsControl(c) || c == '\x1B') return true;
            return false;
        }

        private static bool IsControl(char c) =>
            (c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == '\x7F' || (c >= '\x80' && c <= '\x9F');

        // Returns the index after an escape sequence starting at 'start' (CSI: to its final byte; OSC/DCS/PM/APC: to BEL
        // or ST; any other ESC X: two characters). An unterminated string sequence swallows at most 256 characters.
        private static int SkipSequence(string text, int start)
        {
            var c = text[start];
            int i;
            bool csi, stringSeq;
            if (c == '\x1B')
            {
                if (start + 1 >= text.Length) return start + 1;
                var next = text[start + 1];
                csi = next == '[';
                stringSeq = next == ']' || next == 'P' || next == '^' || next == '_';
                i = start + 2;
                if (!csi && !stringSeq) return i;
            }
            else
            {
                csi = c == '\x9B';
                stringSeq = !csi;
                i = start + 1;
            }
            var limit = System.Math.Min(text.Length, i + 256);
            for (; i < limit; i++)
            {
                var ch = text[i];
                if (csi && ch >= '@' && ch <= '~') return i + 1;
                if (stringSeq && (ch == '\x07' || ch == '\x9C')) return i + 1;
                if (stringSeq && ch == '\x1B' && i + 1 < text.Length && text[i + 1] == '\\') return i + 2;
                if (csi && !(ch >= ' ' && ch <= '?')) return i; // not a CSI parameter: the sequence was malformed
            }
            return limit;
        }
    }
}
