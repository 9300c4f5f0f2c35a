using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SsmOnPrem.Commands.Completion
{
    /// <summary>
    /// Completes -Platform with the Cisco platforms the module knows. Use on any cmdlet parameter:
    /// <c>[ArgumentCompleter(typeof(PlatformCompleter))]</c>. The values are the names the device protocol and
    /// parsers use ("IOS-XE", "NX-OS", "IOS-XR", "ASA").
    /// </summary>
    public sealed class PlatformCompleter : IArgumentCompleter
    {
        /// <summary>Platform names with the tooltip shown in the completion menu.</summary>
        public static readonly IReadOnlyDictionary<string, string> Platforms = new Dictionary<string, string>
        {
            ["IOS-XE"] = "Cisco IOS XE: Catalyst 9000 switches, Catalyst 9800 wireless controllers, ISR/ASR routers",
            ["NX-OS"] = "Cisco NX-OS: Nexus switches",
            ["IOS-XR"] = "Cisco IOS XR: ASR 9000, NCS, 8000 routers",
            ["ASA"] = "Cisco ASA and Firepower in ASA mode",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCandidates.Match(wordToComplete, Platforms);
    }
}
