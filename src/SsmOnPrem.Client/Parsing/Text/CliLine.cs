namespace SsmOnPrem.Client.Parsing.Text
{
    /// <summary>One cleaned line of device output: its indentation and its trimmed text.</summary>
    public sealed class CliLine
    {
        public CliLine(int number, int indent, string text)
        {
            Number = number;
            Indent = indent;
            Text = text;
        }

        /// <summary>1-based line number in the input (for warnings).</summary>
        public int Number { get; }

        /// <summary>Leading whitespace width (a tab counts as one).</summary>
        public int Indent { get; }

        /// <summary>The line without leading and trailing whitespace; never empty (blank lines are not kept).</summary>
        public string Text { get; }

        public override string ToString() => new string(' ', Indent) + Text;
    }
}
