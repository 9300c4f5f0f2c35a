using System.Collections.Generic;
using System.Management.Automation;
using SsmOnPrem.Client.Parsing;
using SsmOnPrem.Commands.Completion;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>Parses saved or live 'show license ...' text into SsmOnPrem.LicenseStatus objects.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "SsmLicenseOutput")]
    [OutputType(typeof(LicenseStatus))]
    public sealed class ConvertFromSsmLicenseOutputCommand : SsmCmdlet
    {
        private readonly List<string> _lines = new List<string>();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string[] InputObject { get; set; }

        [Parameter]
        public string Command { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(PlatformCompleter))]
        public string Platform { get; set; }

        protected override void ProcessRecord() => _lines.AddRange(InputObject);

        protected override void EndProcessing()
        {
            try
            {
                WriteObject(LicenseOutputParser.Parse(string.Join("\n", _lines), Command, Platform));
            }
            catch (NotLicenseOutputException ex)
            {
                WriteError(new ErrorRecord(ex, "NotLicenseOutput", ErrorCategory.InvalidData, null));
            }
        }
    }
}
