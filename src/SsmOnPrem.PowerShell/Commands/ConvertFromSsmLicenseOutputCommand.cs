using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using SsmOnPrem.Client.Parsing;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Parses saved or live 'show license ...' text into SsmOnPrem.LicenseStatus objects (engine: LicenseOutputParser).
    /// Input: lines (Get-Content, a string array) are joined into one output; a string that holds line breaks
    /// (Get-Content -Raw, a here-string) is one whole output on its own, so 'Get-Content -Raw *.txt |' gives one object per file.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "SsmLicenseOutput")]
    [OutputType(typeof(LicenseStatus))]
    public sealed class ConvertFromSsmLicenseOutputCommand : SsmCmdlet
    {
        internal const string TypeName = "SsmOnPrem.LicenseStatus";

        private readonly List<string> _lines = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        [AllowEmptyCollection]
        [AllowNull]
        public string[] InputObject { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(LicenseCommandCompleter))]
        public string Command { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(Completion.PlatformCompleter))]
        [Completion.ValidatePlatform]
        public string Platform { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            foreach (var item in InputObject)
            {
                if (item != null && (item.IndexOf('\n') >= 0 || item.IndexOf('\r') >= 0))
                {
                    Flush();
                    Convert(item);
                }
                else
                {
                    _lines.Add(item ?? "");
                }
            }
        }

        protected override void EndProcessing() => Flush();

        private void Flush()
        {
            if (_lines.Count == 0) return;
            var text = string.Join("\n", _lines);
            _lines.Clear();
            Convert(text);
        }

        private void Convert(string text)
        {
            try
            {
                var status = LicenseOutputParser.Parse(text, Command, Platform);
                WriteVerbose($"Parsed '{status.Command ?? "unknown command"}' output ({status.Platform ?? "platform not stated"}): {status.Warnings.Count} warning(s).");
                foreach (var warning in status.Warnings) WriteVerbose(warning);
                var wrapped = PSObject.AsPSObject(status);
                wrapped.TypeNames.Insert(0, TypeName);
                WriteObject(wrapped);
            }
            catch (NotLicenseOutputException ex)
            {
                // No target: the refused text may hold anything (even a token typed at the prompt), so it is not echoed back.
                WriteSsmError(ex);
            }
        }
    }

    /// <summary>Tab completion for -Command: the command names the parsers know.</summary>
    public sealed class LicenseCommandCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            return LicenseOutputParser.KnownCommands
                .Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c, StringComparer.Ordinal)
                .Select(c => new CompletionResult("'" + c + "'", c, CompletionResultType.ParameterValue, c));
        }
    }
}
