using System;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>
    /// A question the device may ask while a command runs ("Password:", "[confirm]", "[yes/no]") and what to type.
    /// </summary>
    internal sealed class PromptResponder
    {
        public PromptResponder(string name, Regex pattern, Func<int, string> answer, bool answerIsSecret = false, bool matchesCompletedLine = false)
        {
            MatchesCompletedLine = matchesCompletedLine;
            Name = name;
            Pattern = pattern;
            Answer = answer;
            AnswerIsSecret = answerIsSecret;
        }

        /// <summary>Short name for results and logs ("confirm", "yes/no", "password").</summary>
        public string Name { get; }
        public Regex Pattern { get; }

        /// <summary>Given how many times this question was asked before (0 the first time), what to type (without "\r"; null types nothing).</summary>
        public Func<int, string> Answer { get; }
        public bool AnswerIsSecret { get; }
        /// <summary>Also match the last finished line when the cursor sits on an empty one (telnet's "... Open" ends its line).</summary>
        public bool MatchesCompletedLine { get; }

        internal static readonly Regex Confirm = TextPatterns.Create(@"\[confirm\]\s*$", RegexOptions.IgnoreCase);
        internal static readonly Regex YesNo = TextPatterns.Create(@"[\[(]yes/no(?:/cancel)?[\])]\??(?:\s*\[[a-z]*\])?\s*:?\s*$", RegexOptions.IgnoreCase);
        internal static readonly Regex YN = TextPatterns.Create(@"[\[(]y/n[\])]\??(?:\s*\[[a-z]*\])?\s*:?\s*$", RegexOptions.IgnoreCase);
        internal static readonly Regex Password = TextPatterns.Create(@"(?:password|passcode|secret)\s*:\s*$", RegexOptions.IgnoreCase);

        // 'copy running-config startup-config' asks for the file names it already has (IOS/IOS-XE: the destination;
        // ASA: the source, then the destination). Enter keeps the default in brackets, which is exactly what was typed;
        // only these two defaults are accepted, so 'copy running-config tftp:' still stops at its question.
        internal static readonly Regex CopySourceRunningConfig = TextPatterns.Create(@"Source filename \[running-config\]\?\s*$", RegexOptions.IgnoreCase);
        internal static readonly Regex CopyDestinationStartupConfig = TextPatterns.Create(@"Destination filename \[startup-config\]\?\s*$", RegexOptions.IgnoreCase);

        /// <summary>Enter for the copy questions whose bracketed default is the running or startup configuration.</summary>
        internal static PromptResponder[] CopyDefaults() => new[]
        {
            new PromptResponder("source filename", CopySourceRunningConfig, _ => string.Empty),
            new PromptResponder("destination filename", CopyDestinationStartupConfig, _ => string.Empty),
        };
    }
}
