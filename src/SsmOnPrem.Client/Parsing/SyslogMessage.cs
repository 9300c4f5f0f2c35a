using System;
using System.Collections.Generic;
using System.Text;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>
    /// One Cisco syslog message as a terminal prints it: <c>[prefix][header] %FACILITY-N-MNEMONIC: text</c>.
    /// <para>
    /// Devices write these asynchronously into a CLI session, so they land anywhere: on their own line, glued to a
    /// prompt (<c>Router#*Mar 13 08:09:24.123: %SMART_LIC-...</c>), right after <c>[confirm]</c> or <c>--More--</c>,
    /// and command output may even resume on the same line after the message. <see cref="TryParse"/> recognises one
    /// line; <see cref="Separate"/> splits a whole session transcript into the command output and the messages.
    /// </para>
    /// <para>Stable API (the device-session layer depends on it): TryParse, Separate and the properties below.</para>
    /// Everything is plain string scanning, linear in the line length: no regular expressions.
    /// </summary>
    public sealed class SyslogMessage
    {
        /// <summary>Non-syslog text that preceded the message on the same line (a prompt, <c>[confirm]</c>, <c>--More--</c>, partial output); "" when none. Kept verbatim, including whitespace.</summary>
        public string Prefix { get; private set; }

        /// <summary>The header between the prefix and the '%': sequence number, node, timestamp, process (e.g. <c>*Mar 13 08:09:24.123:</c>, <c>RP/0/RP1/CPU0:Nov 18 08:48:39.714 UTC: smartlicserver[392]:</c>); "" when none.</summary>
        public string Header { get; private set; }

        /// <summary>Facility, e.g. <c>SMART_LIC</c>, <c>CALL_HOME</c>, <c>LICENSE-SMART_LIC</c> (IOS XR puts a group before the facility), <c>ASA</c>.</summary>
        public string Facility { get; private set; }

        /// <summary>Severity 0 (emergency) .. 7 (debug).</summary>
        public int Severity { get; private set; }

        /// <summary>Mnemonic, e.g. <c>AGENT_REG_FAILED</c>.</summary>
        public string Mnemonic { get; private set; }

        /// <summary>Message text after the colon, trimmed.</summary>
        public string Text { get; private set; }

        /// <summary>
        /// Command output that resumed on the same line after the message (a terminal that printed the message in the
        /// middle of a paged line, see iosxe_syslog-interleaved-in-paged-output.txt); "" when none. Recognised by a run of
        /// three or more spaces (or a tab) inside the text: syslog texts do not contain such runs, indented output does.
        /// Kept with its leading whitespace so indentation-based parsers still work.
        /// </summary>
        public string Continuation { get; private set; }

        /// <summary><c>%FACILITY-N-MNEMONIC</c>, e.g. <c>%SMART_LIC-3-AGENT_REG_FAILED</c>.</summary>
        public string Tag => "%" + Facility + "-" + Severity.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Mnemonic;

        /// <summary>True for Smart Licensing agent messages (<c>SMART_LIC</c>, also under the IOS XR <c>LICENSE-</c> group).</summary>
        public bool IsSmartLicensing =>
            Facility.Equals("SMART_LIC", StringComparison.Ordinal) || Facility.EndsWith("-SMART_LIC", StringComparison.Ordinal);

        public override string ToString() => (Header.Length > 0 ? Header + " " : "") + Tag + ": " + Text;

        /// <summary>Recognises a syslog message in one line (no line terminator). False when the line holds none.</summary>
        public static bool TryParse(string line, out SyslogMessage message)
        {
            message = null;
            if (string.IsNullOrEmpty(line)) return false;

            for (int pct = line.IndexOf('%'); pct >= 0; pct = line.IndexOf('%', pct + 1))
            {
                if (!TryReadTag(line, pct, out var facility, out var severity, out var mnemonic, out var textStart)) continue;

                int headerStart = FindHeaderStart(line, pct);
                var text = line.Substring(textStart);
                var continuation = "";
                int run = FindContinuationRun(text);
                if (run >= 0)
                {
                    continuation = text.Substring(run);
                    text = text.Substring(0, run);
                }

                message = new SyslogMessage
                {
                    Prefix = line.Substring(0, headerStart),
                    Header = line.Substring(headerStart, pct - headerStart).Trim(),
                    Facility = facility,
                    Severity = severity,
                    Mnemonic = mnemonic,
                    Text = text.Trim(),
                    Continuation = continuation,
                };
                return true;
            }
            return false;
        }

        /// <summary>
        /// Splits text into the command output without the syslog messages and the messages, in order.
        /// Line terminators (LF, CRLF, CR) are kept as they were; a message's prefix (e.g. a prompt) and continuation stay
        /// in the clean text on one line; a line that held only a message disappears. A last line without terminator
        /// (typically the prompt) stays without one.
        /// </summary>
        public static (string CleanText, IReadOnlyList<SyslogMessage> Messages) Separate(string text)
        {
            var messages = new List<SyslogMessage>();
            if (string.IsNullOrEmpty(text)) return (text ?? "", messages);
            if (text.IndexOf('%') < 0) return (text, messages);

            var clean = new StringBuilder(text.Length);
            int pos = 0;
            while (pos < text.Length)
            {
                int end = pos;
                while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
                int next = end;
                if (next < text.Length) next += (text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n') ? 2 : 1;

                var line = text.Substring(pos, end - pos);
                if (line.IndexOf('%') >= 0 && TryParse(line, out var message))
                {
                    messages.Add(message);
                    var kept = message.Prefix + message.Continuation;
                    if (kept.Trim().Length > 0)
                        clean.Append(kept).Append(text, end, next - end);
                }
                else
                {
                    clean.Append(text, pos, next - pos);
                }
                pos = next;
            }
            return (messages.Count == 0 ? text : clean.ToString(), messages);
        }

        // %FACILITY[-SUBFACILITY]-N-MNEMONIC[ ]: — upper-case letters, digits, '_' and '-'; N is 0..7.
        private static bool TryReadTag(string line, int pct, out string facility, out int severity, out string mnemonic, out int textStart)
        {
            facility = mnemonic = null;
            severity = 0;
            textStart = 0;
            int i = pct + 1;
            if (i >= line.Length || line[i] < 'A' || line[i] > 'Z') return false;
            int tagStart = i;
            while (i < line.Length && IsTagChar(line[i])) i++;
            int tagEnd = i;
            while (i < line.Length && line[i] == ' ') i++;
            if (i >= line.Length || line[i] != ':') return false;

            // The severity is the last "-D-" group: IOS XR facilities contain '-' themselves (LICENSE-SMART_LIC).
            for (int d = tagEnd - 2; d > tagStart; d--)
            {
                if (line[d] >= '0' && line[d] <= '7' && line[d - 1] == '-' && line[d + 1] == '-')
                {
                    if (d + 2 >= tagEnd) return false;
                    facility = line.Substring(tagStart, d - 1 - tagStart);
                    severity = line[d] - '0';
                    mnemonic = line.Substring(d + 2, tagEnd - (d + 2));
                    textStart = i + 1;
                    return facility.Length > 0 && mnemonic.IndexOf('-') < 0;
                }
            }
            return false;
        }

        private static bool IsTagChar(char c) => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';

        private static int FindContinuationRun(string text)
        {
            int firstNonSpace = 0;
            while (firstNonSpace < text.Length && text[firstNonSpace] == ' ') firstNonSpace++;
            int spaces = 0;
            for (int i = firstNonSpace; i < text.Length; i++)
            {
                char c = text[i];
                if (c == ' ') { spaces++; continue; }
                if (c == '\t') return i - spaces;
                if (spaces >= 3) return i - spaces;
                spaces = 0;
            }
            return -1;
        }

        // ---- header: walk the whitespace-separated tokens backwards from the '%' while they look like a syslog header ----

        private static int FindHeaderStart(string line, int pct)
        {
            int headerStart = pct;      // nothing accepted yet
            bool sawTime = false;
            int pos = pct;
            bool hostnameUsed = false;
            while (true)
            {
                int tokEnd = pos;
                while (tokEnd > 0 && IsSpace(line[tokEnd - 1])) tokEnd--;
                if (tokEnd == pos && pos != pct) break; // tokens are separated by whitespace
                int tokStart = tokEnd;
                while (tokStart > 0 && !IsSpace(line[tokStart - 1])) tokStart--;
                if (tokStart == tokEnd) break;
                var token = line.Substring(tokStart, tokEnd - tokStart);

                var kind = Classify(token);
                if (kind == TokenKind.None && tokEnd == pct)
                {
                    // Glued straight to the '%' ("[confirm]%SMART_LIC..."): the token is prefix.
                    break;
                }
                if (kind == TokenKind.None && hostnameUsed == false && LooksLikeHostnameBeforePercent(line, tokStart, tokEnd, pct))
                {
                    // NX-OS: "2024 Mar 13 08:09:24 switch %LICMGR-..." — one host token right after the time.
                    kind = TokenKind.Other;
                    hostnameUsed = true;
                }
                if (kind == TokenKind.None)
                {
                    int glued = GluedHeaderStart(token);
                    if (glued >= 0)
                    {
                        headerStart = tokStart + glued;
                    }
                    break;
                }
                if (kind == TokenKind.Time) sawTime = true;
                headerStart = tokStart;
                pos = tokStart;
                if (pos == 0) break;
            }

            if (headerStart == pct) return pct;
            if (sawTime) return headerStart;
            // Without a time only sequence numbers / process / VDC markers make a header ("000045: %SMART_LIC...").
            var header = line.Substring(headerStart, pct - headerStart);
            return OnlyTimelessHeader(header) ? headerStart : pct;
        }

        private enum TokenKind { None, Time, Other }

        private static bool IsSpace(char c) => c == ' ' || c == '\t';

        private static TokenKind Classify(string token)
        {
            var t = token;
            if (t.Length > 0 && (t[0] == '*' || t[0] == '.')) t = t.Substring(1);
            if (t.EndsWith(":", StringComparison.Ordinal)) t = t.Substring(0, t.Length - 1);
            if (t.Length == 0) return TokenKind.None;
            if (IsTime(t)) return TokenKind.Time;
            if (IsDigits(t)) return TokenKind.Other;                       // day, year, sequence number
            if (IsMonth(StripNode(t))) return TokenKind.Other;             // "Mar", "RP/0/RP1/CPU0:Nov"
            if (IsZone(t)) return TokenKind.Other;                         // UTC, CST, CEST
            if (IsProcess(t)) return TokenKind.Other;                      // smartlicserver[392]
            if (t == "%$" || (t.StartsWith("VDC-", StringComparison.Ordinal) && IsDigits(t.Substring(4)))) return TokenKind.Other;
            if (t.IndexOf('/') > 0 && token.EndsWith(":", StringComparison.Ordinal) && IsNode(t)) return TokenKind.Other;
            return TokenKind.None;
        }

        // hh:mm:ss[.fff] (also h:mm:ss)
        private static bool IsTime(string t)
        {
            int i = 0;
            int n = CountDigits(t, i); if (n < 1 || n > 2) return false; i += n;
            if (i >= t.Length || t[i] != ':') return false; i++;
            if (CountDigits(t, i) != 2) return false; i += 2;
            if (i >= t.Length || t[i] != ':') return false; i++;
            if (CountDigits(t, i) != 2) return false; i += 2;
            if (i == t.Length) return true;
            if (t[i] != '.') return false; i++;
            n = CountDigits(t, i);
            return n > 0 && i + n == t.Length;
        }

        private static int CountDigits(string t, int i)
        {
            int n = 0;
            while (i + n < t.Length && t[i + n] >= '0' && t[i + n] <= '9') n++;
            return n;
        }

        private static bool IsDigits(string t) => t.Length > 0 && CountDigits(t, 0) == t.Length;

        private static readonly string[] Months = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

        private static bool IsMonth(string t)
        {
            if (t == null || t.Length != 3) return false;
            foreach (var m in Months) if (string.Equals(m, t, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        // "RP/0/RP1/CPU0:Nov" -> "Nov"; anything else unchanged.
        private static string StripNode(string t)
        {
            int colon = t.LastIndexOf(':');
            if (colon <= 0) return t;
            var node = t.Substring(0, colon);
            return IsNode(node) ? t.Substring(colon + 1) : t;
        }

        private static bool IsNode(string t)
        {
            if (t.IndexOf('/') < 0) return false;
            foreach (var c in t) if (!(char.IsLetterOrDigit(c) || c == '/' || c == '_')) return false;
            return true;
        }

        private static bool IsZone(string t)
        {
            if (t.Length < 2 || t.Length > 5) return false;
            foreach (var c in t) if (c < 'A' || c > 'Z') return false;
            return true;
        }

        private static bool IsProcess(string t)
        {
            int open = t.IndexOf('[');
            return open > 0 && t[t.Length - 1] == ']' && IsDigits(t.Substring(open + 1, t.Length - open - 2));
        }

        private static bool LooksLikeHostnameBeforePercent(string line, int tokStart, int tokEnd, int pct)
        {
            if (line[tokEnd - 1] == ':' || tokEnd == pct) return false;
            // the token before it must be a time without a trailing colon
            int prevEnd = tokStart;
            while (prevEnd > 0 && IsSpace(line[prevEnd - 1])) prevEnd--;
            if (prevEnd == tokStart) return false;
            int prevStart = prevEnd;
            while (prevStart > 0 && !IsSpace(line[prevStart - 1])) prevStart--;
            return IsTime(line.Substring(prevStart, prevEnd - prevStart));
        }

        // A header glued to a prompt: "Router#*Mar", "--More--*Mar", "ios#RP/0/RP0/CPU0:Jul". Returns where the header part starts, or -1.
        private static int GluedHeaderStart(string token)
        {
            if (token.Length < 4) return -1;
            int monthStart = token.Length - 3;
            if (!IsMonth(token.Substring(monthStart))) return -1;
            int start = monthStart;
            if (start > 0 && token[start - 1] == ':')
            {
                int nodeStart = start - 1;
                while (nodeStart > 0 && (char.IsLetterOrDigit(token[nodeStart - 1]) || token[nodeStart - 1] == '/' || token[nodeStart - 1] == '_')) nodeStart--;
                if (IsNode(token.Substring(nodeStart, start - 1 - nodeStart))) start = nodeStart;
            }
            else if (start > 0 && (token[start - 1] == '*' || token[start - 1] == '.'))
            {
                start--;
            }
            if (start == 0) return -1;
            // Only when the prompt/prefix ends in a character a prompt or pager ends in; "REGISTEREDMar" is not a header.
            char before = token[start - 1];
            return (before == '#' || before == '>' || before == '-' || before == ']' || before == ')' || before == ':' || start < monthStart) ? start : -1;
        }

        private static bool OnlyTimelessHeader(string header)
        {
            foreach (var raw in header.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var t = raw.EndsWith(":", StringComparison.Ordinal) ? raw.Substring(0, raw.Length - 1) : raw;
                if (IsDigits(t) || IsProcess(t) || t == "%$" || t.StartsWith("VDC-", StringComparison.Ordinal)) continue;
                return false;
            }
            return true;
        }
    }
}
