using System;
using SsmOnPrem.Client.Parsing.Readers;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing.Parsers
{
    /// <summary>
    /// Where a legacy device sends its Smart Licensing messages: 'show call-home smart-licensing' (IOS XE:
    /// "Smart-license messages: enabled", "Destination  URL(s):  https://...") and the call-home configuration
    /// ('show running-config callhome' on NX-OS: "destination-profile CiscoTAC-1 index 1 http https://...";
    /// IOS XE: "destination address http https://...").
    /// </summary>
    internal sealed class CallHomeParser : ILicenseCommandParser
    {
        public CallHomeParser(string command) => Command = command;

        public string Command { get; }

        public void Parse(CliDocument document, StatusBuilder builder)
        {
            var s = builder.Status;
            foreach (var line in document.Lines)
            {
                var t = line.Text;
                if (LabelValue.TryRead(t, out var label, out var value))
                {
                    var key = string.Join(" ", label.ToLowerInvariant().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
                    if (key == "smart-license messages")
                    {
                        var enabled = CiscoValues.ParseBool(value);
                        s.TransportType = enabled == true ? TransportType.Callhome : enabled == false ? TransportType.Off : s.TransportType;
                        builder.Recognized++;
                    }
                    else if (key == "destination url(s)" || key == "destination url")
                    {
                        s.TransportUrl = FirstUrl(value) ?? s.TransportUrl;
                        builder.Recognized++;
                    }
                    continue;
                }
                // configuration lines
                if ((t.StartsWith("destination-profile ", StringComparison.Ordinal) || t.StartsWith("destination address ", StringComparison.Ordinal)) && FirstUrl(t) != null)
                {
                    if (s.TransportUrl == null) s.TransportUrl = FirstUrl(t);
                    s.TransportType = TransportType.Callhome;
                    builder.Recognized++;
                }
            }
        }

        private static string FirstUrl(string text)
        {
            int at = text.IndexOf("http://", StringComparison.OrdinalIgnoreCase);
            int ats = text.IndexOf("https://", StringComparison.OrdinalIgnoreCase);
            if (at < 0 || (ats >= 0 && ats < at)) at = ats;
            if (at < 0) return null;
            int end = at;
            while (end < text.Length && text[end] != ' ' && text[end] != ',') end++;
            return text.Substring(at, end - at);
        }
    }
}
