using SsmOnPrem.Client.Common;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>Raised when text is not the output of any command the parsers know (ErrorId NotLicenseOutput, kind InvalidData).</summary>
    public sealed class NotLicenseOutputException : SsmOnPremException
    {
        public const string Id = "NotLicenseOutput";

        public NotLicenseOutputException(string message)
            : base(Id, SsmErrorKind.InvalidData, message,
                  "Pass the text of 'show license all', 'show license status', 'show license summary', 'show license udi', 'show license usage', " +
                  "'show license tech support', the 'Smart Licensing Status:' line of 'show version', or Smart Licensing syslog messages.")
        {
        }
    }
}
