using System.Collections.Generic;
using System.Text;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// What a terminal would show for the bytes a device sends: ANSI escape sequences dropped, backspace and
    /// carriage return move the cursor (so "--More--" erased with \b or \r disappears, as on screen), CRLF ends a line.
    /// Incremental: chunks may split an escape sequence or a CRLF anywhere; each byte is looked at once.
    /// </summary>
    internal sealed class TerminalText
    {
        private enum EscapeState { None, Escape, Csi, Osc, OscEscape }

        private readonly List<string> _lines = new List<string>();
        private readonly StringBuilder _current = new StringBuilder();
        private int _column;
        private EscapeState _escape;
        private bool _pendingCarriageReturn;

        /// <summary>Completed lines (without line ends, trailing spaces trimmed).</summary>
        public IReadOnlyList<string> Lines => _lines;

        /// <summary>The line being written (a prompt, "--More--", "[confirm]" waits here).</summary>
        public string CurrentLine => _current.ToString();

        public void Append(string chunk)
        {
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
                    _escape = c == '[' ? EscapeState.Csi : c == ']' ? EscapeState.Osc : EscapeState.None;
                    return;
                case EscapeState.Csi:
                    if (c >= '@' && c <= '~') _escape = EscapeState.None; // final byte
                    return;
                case EscapeState.Osc:
                    if (c == '\x07') _escape = EscapeState.None;
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
                case '\r': _pendingCarriageReturn = true; return;
                case '\n': EndLine(); return;
                case '\b': if (_column > 0) _column--; return;
                case '\t': Write(' '); return;
                case '\x07': case '\0': return;
            }
            if (c < ' ' || c == '\x7F') return;
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
