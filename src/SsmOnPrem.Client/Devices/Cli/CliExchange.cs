using System.Collections.Generic;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Cli
{
    /// <summary>What one command produced, split into its parts (raw material for DeviceCommandResult).</summary>
    internal sealed class CliExchange
    {
        public string Command { get; set; }
        public List<string> OutputLines { get; } = new List<string>();
        public List<SyslogMessage> Syslog { get; } = new List<SyslogMessage>();
        public Prompt FinalPrompt { get; set; }

        /// <summary>Questions met, by responder name, in order ("confirm", "password", ...).</summary>
        public List<string> QuestionsAsked { get; } = new List<string>();
        public int PagesAnswered { get; set; }
    }
}
