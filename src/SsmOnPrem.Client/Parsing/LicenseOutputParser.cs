using System;
using System.Collections.Generic;
using SsmOnPrem.Client.Parsing.Parsers;
using SsmOnPrem.Client.Parsing.Readers;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing
{
    /// <summary>
    /// Entry point of the parsing layer: device text → <see cref="LicenseStatus"/>.
    /// <list type="bullet">
    /// <item><see cref="Parse"/>: one output (string with LF/CRLF/CR, echoed command and prompts, header noise and
    /// interleaved syslog all tolerated). The command comes from the hint, else the echo, else the content.</item>
    /// <item><see cref="ParseMany"/> / <see cref="Merge"/>: several outputs of ONE device combined into one status
    /// (the device layer runs e.g. 'show license status', 'show license udi', 'show license summary' for Get-SsmLicenseStatus).</item>
    /// </list>
    /// Never throws on license-like text it does not fully understand: it fills what it can and lists the rest in
    /// Warnings. Text that is no license output at all raises <see cref="NotLicenseOutputException"/>.
    /// Linear in the input size (plain string scanning, no regular expressions).
    /// </summary>
    public static class LicenseOutputParser
    {
        private static readonly Dictionary<string, ILicenseCommandParser> Parsers = Build(
            new ShowLicenseAllParser(), new ShowLicenseStatusParser(), new ShowLicenseSummaryParser(), new ShowLicenseUdiParser(),
            new ShowLicenseUsageParser(), new ShowLicenseTechSupportParser(), new ShowVersionParser(), new SyslogStatusParser(),
            new RegisterResponseParser(), new CallHomeParser(LicenseCommands.ShowCallHomeSmartLicensing),
            new CallHomeParser(LicenseCommands.ShowRunningConfigCallhome), new LicenseLogParser(LicenseCommands.ShowLicenseEventlog),
            new LicenseLogParser(LicenseCommands.ShowLicenseHistory));

        private static Dictionary<string, ILicenseCommandParser> Build(params ILicenseCommandParser[] parsers)
        {
            var map = new Dictionary<string, ILicenseCommandParser>(StringComparer.Ordinal);
            foreach (var p in parsers) map[p.Command] = p;
            return map;
        }

        /// <summary>The canonical command names <see cref="Parse"/> understands (for -Command tab completion and messages).</summary>
        public static IReadOnlyCollection<string> KnownCommands => Parsers.Keys;

        /// <summary>Parses one output.</summary>
        /// <param name="text">The device output.</param>
        /// <param name="commandHint">The command that produced it ("show license status", abbreviations accepted); null to detect.</param>
        /// <param name="platformHint">IOS-XE, NX-OS, IOS-XR or ASA (loose spellings accepted); null to detect.</param>
        /// <exception cref="NotLicenseOutputException">The text is not the output of any command we know.</exception>
        public static LicenseStatus Parse(string text, string commandHint = null, string platformHint = null)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var document = CliDocument.Parse(text);
            var status = new LicenseStatus();
            var builder = new StatusBuilder(status);

            string command = null;
            if (!string.IsNullOrWhiteSpace(commandHint))
            {
                command = LicenseCommands.Normalize(commandHint);
                if (command == null) status.Warnings.Add($"The command hint '{commandHint.Trim()}' is not one we know; the command was detected from the text.");
            }
            if (command == null) command = CommandDetector.Detect(document);

            if (command != null && Parsers.TryGetValue(command, out var parser))
            {
                parser.Parse(document, builder);
                status.Command = command;
            }

            if (builder.Recognized == 0)
            {
                if (!LooksLicenseRelated(text))
                    throw new NotLicenseOutputException(
                        "The text is not license output: expected the output of 'show license all|status|summary|udi|usage|tech support', " +
                        "the 'Smart Licensing Status:' line of 'show version', or Smart Licensing syslog messages, and found none of their fields.");
                status.Warnings.Add("The text mentions licensing but holds no field we know; nothing was read from it.");
            }

            status.SyslogMessages.AddRange(document.SyslogMessages);
            Finish(status, builder);
            status.Platform = PlatformDetector.Normalize(platformHint) ?? PlatformDetector.Detect(document, status, command);
            return status;
        }

        /// <summary>
        /// Parses several outputs of ONE device and merges them (see <see cref="Merge"/>). Each item is (command, text);
        /// the command may be null (detected). Outputs that are not license output are skipped with a warning;
        /// if none is, <see cref="NotLicenseOutputException"/> is raised.
        /// Typical use by the device layer: ParseMany(new[] { ("show license status", a), ("show license udi", b), ("show license summary", c) }).
        /// </summary>
        public static LicenseStatus ParseMany(IEnumerable<(string Command, string Text)> outputs, string platformHint = null)
        {
            if (outputs == null) throw new ArgumentNullException(nameof(outputs));
            var parsed = new List<LicenseStatus>();
            var skipped = new List<string>();
            NotLicenseOutputException last = null;
            foreach (var (command, text) in outputs)
            {
                try { parsed.Add(Parse(text ?? "", command, platformHint)); }
                catch (NotLicenseOutputException ex) { last = ex; skipped.Add(command ?? "(unnamed output)"); }
            }
            if (parsed.Count == 0) throw last ?? new NotLicenseOutputException("No output was given.");
            var merged = Merge(parsed.ToArray());
            foreach (var s in skipped) merged.Warnings.Add($"The output of '{s}' is not license output; it was ignored.");
            return merged;
        }

        /// <summary>
        /// Combines statuses parsed from different outputs of the SAME device into one. Rules: for every single-valued
        /// property the first status that has a value wins (null, Unknown and empty count as no value), so pass the most
        /// authoritative output first (status before summary); Licenses come from the first status that lists any;
        /// HaUdis likewise; Warnings, CommunicationFailures and SyslogMessages are concatenated; Command joins the distinct
        /// commands with "; ". The inputs are not modified.
        /// </summary>
        public static LicenseStatus Merge(params LicenseStatus[] statuses)
        {
            if (statuses == null) throw new ArgumentNullException(nameof(statuses));
            var result = new LicenseStatus();
            var commands = new List<string>();
            foreach (var s in statuses)
            {
                if (s == null) continue;
                LicenseStatusFill.FillEmpty(result, s);
                if (result.Licenses.Count == 0) result.Licenses.AddRange(s.Licenses);
                if (result.HaUdis.Count == 0) result.HaUdis.AddRange(s.HaUdis);
                foreach (var f in s.CommunicationFailures) if (!result.CommunicationFailures.Contains(f)) result.CommunicationFailures.Add(f);
                result.SyslogMessages.AddRange(s.SyslogMessages);
                result.Warnings.AddRange(s.Warnings);
                if (s.Command != null && !commands.Contains(s.Command)) commands.Add(s.Command);
            }
            result.Command = commands.Count == 0 ? null : string.Join("; ", commands);
            // A legacy field can only have been NotApplicable-filled by an SLP output, and vice versa: keep them coherent.
            if (result.Mode == LicensingMode.SmartLicensingUsingPolicy)
            {
                if (result.RegistrationStatus == RegistrationStatus.Unknown) result.RegistrationStatus = RegistrationStatus.NotApplicable;
            }
            return result;
        }

        // Conclusions that need the whole text: the licensing mode and what "not applicable" means under SLP.
        private static void Finish(LicenseStatus s, StatusBuilder b)
        {
            if (s.Mode == LicensingMode.Unknown)
            {
                if (b.SawPolicySignal) s.Mode = LicensingMode.SmartLicensingUsingPolicy;
                else if (b.SawSmartLicensingSection) s.Mode = LicensingMode.SmartLicensing;
                else if (s.AuthorizationStatus == AuthorizationStatus.NotApplicable) s.Mode = LicensingMode.SmartLicensingUsingPolicy;
                else if (s.Licenses.Count > 0 && AllInUseWording(s.Licenses)) s.Mode = LicensingMode.SmartLicensingUsingPolicy;
                else if (s.RegistrationStatus != RegistrationStatus.Unknown && s.RegistrationStatus != RegistrationStatus.NotApplicable) s.Mode = LicensingMode.SmartLicensing;
                else if (IsLegacyAuthorization(s.AuthorizationStatus)) s.Mode = LicensingMode.SmartLicensing;
            }
            if (s.Mode == LicensingMode.SmartLicensingUsingPolicy)
            {
                // SLP has no registration and no legacy authorization: say so rather than "Unknown".
                if (s.RegistrationStatus == RegistrationStatus.Unknown) s.RegistrationStatus = RegistrationStatus.NotApplicable;
                if (s.AuthorizationStatus == AuthorizationStatus.Unknown) s.AuthorizationStatus = AuthorizationStatus.NotApplicable;
                if (s.SmartLicensingEnabled == null) s.SmartLicensingEnabled = true;
            }
        }

        // SLP prints "IN USE"/"NOT IN USE"; legacy Smart Licensing prints AUTHORIZED, EVAL MODE, OUT OF COMPLIANCE... (NX-OS traditional "In use" has no UDI/mode).
        private static bool AllInUseWording(List<LicenseUsage> licenses)
        {
            foreach (var l in licenses)
            {
                if (l.Status == null || l.LicenseType == "Installed" || l.LicenseType == "Not installed") return false;
                var st = l.Status.ToUpperInvariant();
                if (st != "IN USE" && st != "NOT IN USE") return false;
            }
            return true;
        }

        private static bool IsLegacyAuthorization(AuthorizationStatus a) =>
            a != AuthorizationStatus.Unknown && a != AuthorizationStatus.NotApplicable;

        private static bool LooksLicenseRelated(string text) =>
            text.IndexOf("licens", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("SMART_LIC", StringComparison.Ordinal) >= 0;
    }
}
