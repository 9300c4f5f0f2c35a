using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SsmOnPrem.Commands.Completion
{
    /// <summary>
    /// Completes -Type (the device transport to On-Prem): <c>[ArgumentCompleter(typeof(TransportTypeCompleter))]</c>.
    /// Cmdlets that take only some of these (Get-SsmTransportUrl has no 'Auto') still validate their own set.
    /// </summary>
    public sealed class TransportTypeCompleter : IArgumentCompleter
    {
        /// <summary>Transport names with the tooltip shown in the completion menu.</summary>
        public static readonly IReadOnlyDictionary<string, string> TransportTypes = new Dictionary<string, string>
        {
            ["Cslu"] = "Smart Licensing Using Policy: https://HOST/cslu/v1/pi/<virtual account>-<n>",
            ["CallHome"] = "Legacy Smart Licensing over call-home: https://HOST/Transportgateway/services/DeviceRequestHandler",
            ["SmartTransport"] = "Legacy Smart Licensing over smart transport: https://HOST/SmartTransport",
            ["Auto"] = "Chosen from the device's platform and release",
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCandidates.Match(wordToComplete, TransportTypes);
    }
}
