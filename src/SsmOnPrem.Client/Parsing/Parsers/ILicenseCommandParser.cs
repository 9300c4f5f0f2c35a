using SsmOnPrem.Client.Parsing.Readers;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing.Parsers
{
    /// <summary>One parser per command: reads a cleaned document into the status being built.</summary>
    internal interface ILicenseCommandParser
    {
        /// <summary>Canonical command name (see <see cref="LicenseCommands"/>).</summary>
        string Command { get; }

        void Parse(CliDocument document, StatusBuilder builder);
    }
}
