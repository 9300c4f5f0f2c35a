using System.Net;
using System.Text;

namespace SsmOnPrem.Client.Reports
{
    /// <summary>Text to HTML: control characters dropped (devices print odd bytes), then entity-encoded.</summary>
    internal static class Html
    {
        public static string Encode(string text)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            var clean = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (c == '\t' || c == '\n') { clean.Append(' '); continue; }
                if (char.IsControl(c)) continue;   // C0, DEL and C1 (U+0080–U+009F), including ESC of ANSI sequences
                clean.Append(c);
            }
            return WebUtility.HtmlEncode(clean.ToString());
        }

        public static string Shorten(string text, int max) =>
            text == null || text.Length <= max ? text : text.Substring(0, max - 1) + "…";
    }
}
