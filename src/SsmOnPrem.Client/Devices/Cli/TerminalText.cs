using System.Collections.Generic;
using System.Text;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// What a terminal would show for the bytes a device sends: ANSI escape sequences dropped, backspace and
    /// carriage return move the cursor (so "--More--" erased with \b or \r disappears, as on screen), CRLF ends a line.
    /// Incremental: chunks may split an escape sequence or a CRLF anywhere; each byte is looked at once. C1 controls
    /// (U+0080–U+009F, including 8-bit CSI/OSC) are dropped like C0 ones. The caller bounds its size (<see cref="Received"/>).
    /// </summary>
    internal sealed class TerminalText
    {
        private enum EscapeState { None, Escape, Csi, Osc, OscEscape }

        private readonly List<string> _lines = new List<string>();
        private readonly StringBuilder _current = new StringBuilder();
        private int _column;
        private EscapeState _escape;
        private bool _pendingCarriageReturn;
        private long _received;

        /// <summary>Characters appended since this screen was created (what a device printed for one command).</summary>
        public long Received => _received;

        /// <summary>Length of the line being written, without building it.</summary>
        public int CurrentLength => _current.Length;

        /// <summary>Completed lines (without line ends, trailing spaces trimmed).</summary>
        public IReadOnlyList<string> Lines => _lines;

        /// <summary>The line being written (a prompt, "--More--", "[confirm]" waits here).</summary>
        public string CurrentLine => _current.ToString();

        public void Append(string chunk)
        {
            _received += chunk.Length;
            foreach (var c in chunk) Put(c);
        }

        /// <summary>Forgets the line being written (used once a "--More--" marker has been answered).</summary>
        public void ClearCurrentLine()
        {
            _current.Clear();
            _column = 0;
        }

        /// <summary>Everything, completed lines and the current one, joined with \n.</summary>
        public string Text
        {
            get
            {
                var sb = new StringBuilder();
                foreach (var line in _lines) sb.Append(line).Append('\n');
                sb.Append(_current);
                return sb.ToString();
            }
        }

        private void Put(char c)
        {
            switch (_escape)
            {
                case EscapeState.Escape:
                    _escape = c == '[' ? EscapeState.Csi : c == ']' || c == 'P' || c == '^' || c == '_' ? EscapeState.Osc : EscapeState.None;
                    return;
                case EscapeState.Csi:
                    if (c >= ' ' && c <= '?') return;                   // parameter and intermediate bytes
                    _escape = EscapeState.None;
                    if (c >= '@' && c <= '~') return;                   // final byte
                    break;                                              // malformed: the character is text again
                case EscapeState.Osc:
                    if (c == '\x07' || c == '\x9C') _escape = EscapeState.None;
                    else if (c == '\x1B') _escape = EscapeState.OscEscape;
                    return;
                case EscapeState.OscEscape:
                    _escape = EscapeState.None; // ESC \ ends an OSC string
                    return;
            }

            if (_pendingCarriageReturn)
            {
                _pendingCarriageReturn = false;
                if (c != '\n') _column = 0; // a lone CR: the cursor goes back, the next characters overwrite
            }

            switch (c)
            {
                case '\x1B': _escape = EscapeState.Escape; return;
                case '\x9B': _escape = EscapeState.Csi; return;   // 8-bit CSI
                case '\x9D': case '\x90': case '\x9E': case '\x9F': _escape = EscapeState.Osc; return; // 8-bit OSC, DCS, PM, APC
                case '\r': _pendingCarriageReturn = true; return;
                case '\n': EndLine(); return;
                case '\b': if (_column > 0) _column--; return;
                case '\t': Write(' '); return;
                case '\x07': case '\0': return;
            }
            if (c < ' ' || c == '\x7F' || (c >= '\x80' && c <= '\x9F')) return; // C0 and C1 controls are never shown
            Write(c);
        }

        private void Write(char c)
        {
            if (_column < _current.Length) _current[_column] = c;
            else _current.Append(c);
            _column++;
        }

        private void EndLine()
        {
            _lines.Add(_current.ToString().TrimEnd());
            _current.Clear();
            _column = 0;
        }
    }
}
