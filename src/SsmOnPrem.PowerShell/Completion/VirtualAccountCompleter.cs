using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SsmOnPrem.Commands.Completion
{
    /// <summary>
    /// Completes -VirtualAccount with the local virtual accounts of the default On-Prem connection
    /// (<see cref="CompletionSources.VirtualAccountNames"/>); offers nothing when not connected.
    /// Use: <c>[ArgumentCompleter(typeof(VirtualAccountCompleter))]</c>.
    /// </summary>
    public sealed class VirtualAccountCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCandidates.Match(wordToComplete, CompletionSources.Read(CompletionSources.VirtualAccountNames));
    }
}
