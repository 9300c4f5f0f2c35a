using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace SsmOnPrem.Commands.Completion
{
    /// <summary>
    /// Completes -ComputerName with the devices that have an open session
    /// (<see cref="CompletionSources.OpenSessionComputerNames"/>); any other name can still be typed.
    /// Use: <c>[ArgumentCompleter(typeof(ComputerNameCompleter))]</c>.
    /// </summary>
    public sealed class ComputerNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionCandidates.Match(wordToComplete, CompletionSources.Read(CompletionSources.OpenSessionComputerNames));
    }
}
