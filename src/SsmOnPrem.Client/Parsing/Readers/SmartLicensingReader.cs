using System;
using System.Collections.Generic;
using SsmOnPrem.Client.Parsing.Text;

namespace SsmOnPrem.Client.Parsing.Readers
{
    /// <summary>
    /// The one reader of the Smart Licensing agent's "Label: value" layout, shared by the parsers of show license
    /// all / status / summary / udi / usage / tech support (they print the same sections in different selections).
    /// <para>
    /// Structure it relies on (and nothing more): chapters are titles underlined with '=' ("License Usage",
    /// "Product Information"); sections are labels without a value at the left margin ("Registration:",
    /// "Transport:"); fields are "Label: value" lines that belong to the last section whatever their indentation
    /// (some captures lose it). Ambiguous labels ("Status:", "Failure reason:", "Address:") are read by section.
    /// One pass, no backtracking.
    /// </para>
    /// </summary>
    internal sealed class SmartLicensingReader
    {
        // Chapters whose fields we read; the others (Other Info, HA Info, Reservation Info, ...) repeat words with other meanings.
        private static readonly HashSet<string> ReadChapters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "", "Smart Licensing Status", "License Usage", "Product Information", "Agent Version",
            "Usage Report Summary", "Communication Statistics",
        };

        private readonly StatusBuilder _b;
        private LicenseStatus S => _b.Status;

        private string _chapter = "";
        private string _section = "";
        private bool _lastAttemptIsCommunication;
        private LicenseUsage _license;
        private int _licenseIndent;
        private bool _inLicenseTable;
        private bool _inUdiTable;
        private bool _inFeatureTable;
        private bool _trustCodeSeen;
        private string _commSubsection;
        private string _lastResponse;

        private SmartLicensingReader(StatusBuilder builder) => _b = builder;

        public static void Read(IReadOnlyList<CliLine> lines, StatusBuilder builder)
        {
            var reader = new SmartLicensingReader(builder);
            for (int i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (IsUnderline(line.Text)) continue;
                if (i + 1 < lines.Count && IsUnderline(lines[i + 1].Text))
                {
                    reader.StartChapter(line.Text.TrimEnd(':', ' '));
                    continue;
                }
                reader.ReadLine(line);
            }
        }

        private static bool IsUnderline(string t)
        {
            if (t.Length < 3) return false;
            foreach (var c in t) if (c != '=' && c != ' ') return false;
            return true;
        }

        private void StartChapter(string title)
        {
            _chapter = title;
            _section = "";
            _license = null;
            _inLicenseTable = _inUdiTable = _inFeatureTable = false;
        }

        private void ReadLine(CliLine line)
        {
            var t = line.Text;
            if (t.Equals("Smart Licensing Tech Support info", StringComparison.OrdinalIgnoreCase)) { _chapter = ""; return; }
            // Tech support prints the "Trust Code Installed:" block (no underline) right after the "Device Telemetry Report
            // Summary:" chapter, which is skipped: the block is status, so it reopens the status chapter.
            if (!ReadChapters.Contains(_chapter) && line.Indent == 0 && t.StartsWith("Trust Code Installed", StringComparison.OrdinalIgnoreCase))
                StartChapter("Smart Licensing Status");
            if (!ReadChapters.Contains(_chapter)) return;

            if (_inLicenseTable && (IsDashes(t) || TryLicenseRow(t))) return;
            _inLicenseTable = false;
            if (_inUdiTable && (IsDashes(t) || TryUdiRow(t))) return;
            _inUdiTable = false;
            if (_inFeatureTable && (IsDashes(t) || t == "Count" || TryFeatureRow(t))) return;
            _inFeatureTable = false;

            if (!LabelValue.TryRead(t, out var label, out var value))
            {
                ReadFreeText(line);
                return;
            }
            var key = NormalizeLabel(label);

            if (value.Length == 0 && line.Indent == 0 && !IsFieldThatMayBeEmpty(key))
            {
                StartSection(line, label, key);
                return;
            }
            if (value.Length == 0 && key.EndsWith(")", StringComparison.Ordinal) && key.IndexOf('(') >= 0 && _license == null)
            {
                StartSection(line, label, key);   // an indented license entry header
                return;
            }

            if (_chapter.Equals("Communication Statistics", StringComparison.OrdinalIgnoreCase)) { ReadCommunicationStatistic(line, key, value); return; }
            if (_license != null && ReadLicenseField(line, key, value)) return;
            ReadField(line, key, value);
        }

        private static bool IsDashes(string t)
        {
            if (t.Length < 3) return false;
            foreach (var c in t) if (c != '-') return false;
            return true;
        }

        private static string NormalizeLabel(string label)
        {
            if (label.IndexOf("  ", StringComparison.Ordinal) < 0 && label.IndexOf('\t') < 0) return label.ToLowerInvariant();
            var parts = label.ToLowerInvariant().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            return string.Join(" ", parts);
        }

        // Labels that print an empty value when there is nothing (truncated NX-OS capture ends with "Last Renewal Attempt:").
        private static bool IsFieldThatMayBeEmpty(string key) =>
            key == "last renewal attempt" || key == "next renewal attempt" || key == "initial registration" || key == "description"
            || key == "registration expires" || key == "last communication attempt" || key == "next communication attempt";

        private void StartSection(CliLine line, string label, string key)
        {
            _license = null;
            _commSubsection = null;
            if (_chapter.Equals("Communication Statistics", StringComparison.OrdinalIgnoreCase))
            {
                _commSubsection = label;
                _lastResponse = null;
                return;
            }
            int open = label.LastIndexOf('(');
            if (open >= 0 && label.EndsWith(")", StringComparison.Ordinal) && !key.StartsWith("enforced", StringComparison.Ordinal) && !key.StartsWith("export (", StringComparison.Ordinal))
            {
                StartLicense(line, label.Substring(0, open).Trim(), label.Substring(open + 1, label.Length - open - 2).Trim());
                return;
            }
            _section = key;
            switch (key)
            {
                case "registration": S.Mode = S.Mode == LicensingMode.Unknown ? LicensingMode.SmartLicensing : S.Mode; _b.SawSmartLicensingSection = true; break;
                case "smart licensing using policy":
                case "account information":
                case "usage reporting":
                    _b.SawPolicySignal = true; break;
                case "trust code installed": _b.SawPolicySignal = true; _b.Recognized++; break;
                case "license usage": _b.Recognized++; break;
            }
        }

        private void StartLicense(CliLine line, string name, string tag)
        {
            // "(ASAv-STD-100M):" has no name: the tag is what a reader calls the license.
            _license = new LicenseUsage { Name = name.Length == 0 ? (tag.Length == 0 ? null : tag) : name, EntitlementTag = tag.Length == 0 ? null : tag };
            _licenseIndent = line.Indent;
            _section = "license";
            S.Licenses.Add(_license);
            _b.Recognized++;
        }

        // ---------------------------------------------------------------- lines without "Label: value"

        private void ReadFreeText(CliLine line)
        {
            var t = line.Text;
            if (t.StartsWith("Smart Licensing is ", StringComparison.OrdinalIgnoreCase))
            {
                S.SmartLicensingEnabled = CiscoValues.ParseBool(t.Substring("Smart Licensing is ".Length));
                _b.Recognized++;
                return;
            }
            // "Active:PID:C9300-24UX,SN:FCW2303D16Y" (HA UDI List)
            if (_section == "ha udi list")
            {
                int colon = t.IndexOf(':');
                var udi = colon > 0 ? CiscoValues.ParseUdi(t.Substring(colon + 1), t.Substring(0, colon)) : null;
                if (udi != null) { S.HaUdis.Add(udi); _b.Recognized++; }
                return;
            }
            // "INSTALLED on Mar 13 21:32:51 2024 UTC" under "Trust Code Installed:" (the first one is the active member)
            if (_section == "trust code installed" && t.StartsWith("INSTALLED on ", StringComparison.OrdinalIgnoreCase))
            {
                if (!_trustCodeSeen) { S.TrustCodeInstalled = _b.Date(line, t.Substring("INSTALLED on ".Length)); _trustCodeSeen = true; }
                return;
            }
            if (IsLicenseTableHeader(t)) { _inLicenseTable = true; _b.Recognized++; return; }
            if (t.StartsWith("SlotID", StringComparison.OrdinalIgnoreCase) && t.IndexOf("UDI", StringComparison.OrdinalIgnoreCase) > 0) { _inUdiTable = true; _b.Recognized++; return; }
            if (IsFeatureTableHeader(t)) { _inFeatureTable = true; _b.Recognized++; return; }
            if (t.Equals("No licenses in use", StringComparison.OrdinalIgnoreCase)) { _b.Recognized++; return; }
        }

        internal static bool IsLicenseTableHeader(string t) =>
            t.StartsWith("License ", StringComparison.OrdinalIgnoreCase) && t.IndexOf("Entitlement", StringComparison.OrdinalIgnoreCase) > 0
            && t.IndexOf("Count", StringComparison.OrdinalIgnoreCase) > 0;

        internal static bool IsFeatureTableHeader(string t) =>
            t.StartsWith("Feature ", StringComparison.Ordinal) && t.IndexOf(" Ins ", StringComparison.Ordinal) > 0 && t.IndexOf("Lic", StringComparison.Ordinal) > 0;

        // "  C9200L Network Essen... (C9200L-NW-E-48)     1 AUTHORIZED" — name (maybe empty), (tag), count, status.
        private bool TryLicenseRow(string t)
        {
            int open = t.IndexOf('(');
            if (open < 0) return false;
            int close = t.IndexOf(')', open);
            if (close < 0) return false;
            var rest = t.Substring(close + 1).Trim();
            var count = CiscoValues.LeadingInt(rest);
            if (count == null) return false;
            int digits = 0;
            while (digits < rest.Length && char.IsDigit(rest[digits])) digits++;
            var name = t.Substring(0, open).Trim();
            var tag = t.Substring(open + 1, close - open - 1).Trim();
            S.Licenses.Add(new LicenseUsage
            {
                Name = name.Length > 0 ? name : tag,
                EntitlementTag = tag,
                Count = count,
                Status = CiscoValues.NullIfNone(rest.Substring(digits)),
            });
            _b.Recognized++;
            return true;
        }

        // "*	 ASR1006               NWG1512050G     ASR1006:NWG1512050G"
        private bool TryUdiRow(string t)
        {
            var words = t.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 3) return false;
            var last = words[words.Length - 1];
            int colon = last.IndexOf(':');
            Udi udi;
            if (colon > 0) udi = new Udi { Pid = last.Substring(0, colon), SerialNumber = last.Substring(colon + 1) };
            else udi = new Udi { Pid = words[words.Length - 2], SerialNumber = last };
            if (S.Udi == null) S.Udi = udi;
            S.HaUdis.Add(udi);
            _b.Recognized++;
            return true;
        }

        // NX-OS traditional licensing: "LAN_ENTERPRISE_SERVICES_PKG   Yes   -   In use Never       -"
        private bool TryFeatureRow(string t)
        {
            var words = t.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 4) return false;
            var installed = words[1];
            if (!installed.Equals("Yes", StringComparison.OrdinalIgnoreCase) && !installed.Equals("No", StringComparison.OrdinalIgnoreCase)) return false;
            var status = words[3];
            if (status.Equals("In", StringComparison.OrdinalIgnoreCase) && words.Length > 4) status += " " + words[4];
            S.Licenses.Add(new LicenseUsage
            {
                Name = words[0],
                Count = CiscoValues.LeadingInt(words[2]),
                Status = status,
                LicenseType = installed.Equals("Yes", StringComparison.OrdinalIgnoreCase) ? "Installed" : "Not installed",
            });
            _b.Recognized++;
            return true;
        }

        // ---------------------------------------------------------------- license entries

        private bool ReadLicenseField(CliLine line, string key, string value)
        {
            if (line.Indent > _licenseIndent + 3 && _licenseIndent >= 0 && line.Indent != 0) return true; // nested (Application HA Info, Measurements): not ours
            switch (key)
            {
                case "license": _license.Name = CiscoValues.NullIfNone(value); return true;
                case "entitlement tag": _license.EntitlementTag = CiscoValues.NullIfNone(value); return true;
                case "description":
                    _license.Description = CiscoValues.NullIfNone(value);
                    if (_license.Name == null) _license.Name = _license.Description ?? _license.EntitlementTag;
                    return true;
                case "count": _license.Count = CiscoValues.LeadingInt(value); return true;
                case "status": _license.Status = CiscoValues.StripParenCode(CiscoValues.NullIfNone(value)); return true;
                case "license type": _license.LicenseType = CiscoValues.NullIfNone(value); return true;
                case "enforcement type": _license.EnforcementType = CiscoValues.NullIfNone(value); return true;
                case "export status": _license.ExportStatus = CiscoValues.NullIfNone(value); return true;
                case "version": case "feature name": case "feature description": case "status time": case "request time": case "soft enforced":
                    return true;
                default:
                    return false;
            }
        }

        // ---------------------------------------------------------------- 'show license tech support': Communication Statistics

        private void ReadCommunicationStatistic(CliLine line, string key, string value)
        {
            if (key == "last response") { _lastResponse = CiscoValues.NullIfNone(value); return; }
            if (key == "failure reason" && !CiscoValues.IsNone(value))
            {
                var response = _lastResponse;
                if (response != null) { CiscoValues.SplitOn(response, out var word, out _); response = word ?? response; }
                var entry = (_commSubsection ?? "Communication") + ": " + (response != null ? response + " - " : "") + value.Trim();
                if (!S.CommunicationFailures.Contains(entry)) S.CommunicationFailures.Add(entry);
                _b.Recognized++;
            }
        }

        // ---------------------------------------------------------------- fields

        private void ReadField(CliLine line, string key, string value)
        {
            switch (key)
            {
                case "status": ReadStatus(line, value); return;
                case "smart account":
                    if (_section == "license") return;
                    S.SmartAccount = CiscoValues.NullIfNone(CiscoValues.StripAsOf(value, out var asOf));
                    if (asOf != null) S.AccountInformationAsOf = _b.Date(line, asOf);
                    _b.Recognized++;
                    return;
                case "virtual account":
                    if (_section == "license") return;
                    S.VirtualAccount = CiscoValues.NullIfNone(CiscoValues.StripAsOf(value, out _));
                    _b.Recognized++;
                    return;
                case "export-controlled functionality":
                    S.ExportControlled = CiscoValues.ParseAllowed(value);
                    if (S.ExportControlled == null && !CiscoValues.IsNone(value)) _b.Warn(line, "neither Allowed nor Not Allowed"); else _b.Recognized++;
                    return;
                case "initial registration":
                    ReadAttempt(line, value, r => S.InitialRegistrationResult = r, d => S.InitialRegistration = d);
                    _lastAttemptIsCommunication = false;
                    return;
                case "last renewal attempt":
                    ReadAttempt(line, value, r => S.LastRenewalResult = r, d => S.LastRenewalAttempt = d);
                    _lastAttemptIsCommunication = false;
                    return;
                case "next renewal attempt": S.NextRenewalAttempt = _b.Date(line, value); return;
                case "next registration attempt": S.NextRegistrationAttempt = _b.Date(line, value); return;
                case "registration expires": S.RegistrationExpires = _b.Date(line, value); return;
                case "last communication attempt":
                    ReadAttempt(line, value, r => S.LastCommunicationResult = r, d => S.LastCommunicationAttempt = d);
                    _lastAttemptIsCommunication = true;
                    return;
                case "next communication attempt": S.NextCommunicationAttempt = _b.Date(line, value); return;
                case "communication deadline": S.CommunicationDeadline = _b.Date(line, value); return;
                case "evaluation period remaining": S.EvaluationPeriodRemaining = CiscoValues.ParseDuration(value); _b.Recognized++; return;
                case "failure reason":
                    if (CiscoValues.IsNone(value)) return;
                    if (_lastAttemptIsCommunication || _section == "license authorization") S.AuthorizationFailureReason = value.Trim();
                    else S.RegistrationFailureReason = value.Trim();
                    _b.Recognized++;
                    return;
                case "type":
                    if (_section == "transport") _b.Transport(line, value);
                    return;
                case "url":
                case "cslu address":
                    if (_section == "transport") { S.TransportUrl = CiscoValues.NullIfNone(value); _b.Recognized++; }
                    return;
                case "address":
                    if (_section == "transport" || _section == "proxy") S.TransportProxy = CiscoValues.NullIfNone(value);
                    return;
                case "port":
                    if ((_section == "transport" || _section == "proxy") && S.TransportProxy != null && !CiscoValues.IsNone(value)) S.TransportProxy += ":" + value.Trim();
                    return;
                case "last ack received": S.LastAckReceived = _b.Date(line, value); _b.SawPolicySignal = true; return;
                case "next ack deadline": S.NextAckDeadline = _b.Date(line, value); _b.SawPolicySignal = true; return;
                case "next report push": S.NextReportPush = _b.Date(line, value); return;
                case "last report push": S.LastReportPush = _b.Date(line, value); return;
                case "reporting push interval":
                    S.ReportingIntervalDays = CiscoValues.LeadingInt(value);
                    if (S.ReportingIntervalDays == null && !CiscoValues.IsNone(value)) _b.Warn(line, "not a number of days"); else _b.Recognized++;
                    return;
                case "trust code installed":
                    _section = "trust code installed";
                    _b.SawPolicySignal = true;
                    if (CiscoValues.IsNone(value)) { _b.Recognized++; return; }
                    if (CiscoDate.TryParse(value, out _) != CiscoDate.Outcome.NotADate) { S.TrustCodeInstalled = _b.Date(line, value); _trustCodeSeen = true; }
                    return; // otherwise the per-member form follows ("Trust Code Installed:    Trust Code Type: CSSM")
                case "policy name": S.PolicyName = CiscoValues.NullIfNone(value); return;
                case "udi":
                    if (_chapter.Length == 0 || _chapter.Equals("Product Information", StringComparison.OrdinalIgnoreCase))
                    {
                        var udi = CiscoValues.ParseUdi(value);
                        if (udi != null) { S.Udi = udi; _b.Recognized++; } else _b.Warn(line, "not a PID:...,SN:... UDI");
                    }
                    return;
                case "handle":
                    if (_chapter.Equals("License Usage", StringComparison.OrdinalIgnoreCase)) StartLicense(line, "", "");
                    return;
                case "smart agent for licensing": S.SmartAgentVersion = CiscoValues.NullIfNone(value); return;
                case "total acknowledged received":
                    S.AcknowledgementsReceived = CiscoValues.LeadingInt(value);
                    S.WaitingForAck = CiscoValues.LeadingInt(LabelValue.Find(line.Text, "Waiting for Ack"));
                    _b.SawPolicySignal = true;
                    _b.Recognized++;
                    return;
                case "waiting for ack": S.WaitingForAck = CiscoValues.LeadingInt(value); _b.Recognized++; return;
                case "active": case "standby": case "member":
                    if (_section == "ha udi list") { var u = CiscoValues.ParseUdi(value, key.Substring(0, 1).ToUpperInvariant() + key.Substring(1)); if (u != null) S.HaUdis.Add(u); }
                    return;
            }
        }

        private void ReadStatus(CliLine line, string value)
        {
            switch (_section)
            {
                case "registration": _b.Registration(line, value); return;
                case "license authorization": _b.Authorization(line, value); return;
                case "smart licensing using policy":
                    var enabled = CiscoValues.ParseBool(value);
                    if (enabled == true) { S.Mode = LicensingMode.SmartLicensingUsingPolicy; S.SmartLicensingEnabled = true; }
                    _b.Recognized++;
                    return;
            }
        }

        private void ReadAttempt(CliLine line, string value, Action<AttemptResult?> setResult, Action<DateTimeOffset?> setDate)
        {
            CiscoValues.SplitOn(value, out var word, out var date);
            if (word != null)
            {
                var result = CiscoValues.ParseAttempt(word);
                if (result == AttemptResult.Unknown) _b.Warn(line, "unknown attempt result"); else _b.Recognized++;
                setResult(result);
            }
            setDate(date == null ? null : _b.Date(line, date));
        }
    }
}
