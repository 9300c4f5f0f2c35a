using System;
using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>What one CLI line did on one device.</summary>
    public sealed class DeviceCommandResult
    {
        public string ComputerName { get; set; }
        public string Hostname { get; set; }

        /// <summary>The line sent (secrets masked).</summary>
        public string Command { get; set; }

        /// <summary>What the device printed, without the echo, the prompt, ANSI sequences and syslog messages.</summary>
        public string Output { get; set; }

        /// <summary>Syslog messages that arrived while the command ran (registration results arrive this way).</summary>
        public IReadOnlyList<SyslogMessage> Syslog { get; set; } = Array.Empty<SyslogMessage>();

        public TimeSpan Duration { get; set; }

        /// <summary>The prompt after the command ("edge1(config)#").</summary>
        public string Prompt { get; set; }

        /// <summary>True when the command ran in configuration mode.</summary>
        public bool Configuration { get; set; }

        /// <summary>Questions the device asked and that were answered ("confirm", "yes/no").</summary>
        public IReadOnlyList<string> Answered { get; set; } = Array.Empty<string>();

        /// <summary>How many "--More--" pages were answered (0 when paging was off).</summary>
        public int Pages { get; set; }

        /// <summary>The CLI error the device printed, when the caller asked not to throw on it (ErrorId such as CliInvalidInput).</summary>
        public string ErrorId { get; set; }

        public override string ToString() => Output;
    }

    /// <summary>How to run one command.</summary>
    public sealed class DeviceCommandOptions
    {
        /// <summary>Overrides the session's command timeout.</summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>Answer "[confirm]" / "[yes/no]" with yes. When false they are answered no and the command fails with ConfirmationRequired.</summary>
        public bool AllowConfirmation { get; set; }

        /// <summary>Values to mask in transcripts, verbose output, results and errors (tokens put in the command).</summary>
        public IEnumerable<string> Secrets { get; set; }

        /// <summary>Raise CLI errors (% Invalid input, ...) as <see cref="DeviceCliException"/> (default), or return them in <see cref="DeviceCommandResult.ErrorId"/>.</summary>
        public bool ThrowOnCliError { get; set; } = true;

        /// <summary>Questions this command is expected to ask, with their safe answers (a driver's save prompts); tried before the confirmations.</summary>
        internal IList<Cli.PromptResponder> Answers { get; set; }
        /// <summary>
        /// When a line of output matches this, type <see cref="AnswerLine"/> once (a TCP check: telnet printed "Open" and the
        /// line makes the HTTPS server hang up, so the prompt comes back).
        /// </summary>
        public System.Text.RegularExpressions.Regex AnswerWhen { get; set; }
        public string AnswerLine { get; set; }
    }
}
