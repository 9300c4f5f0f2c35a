using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;
using System.Threading;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>
    /// Reads the device's licensing state again and again, with backoff and a deadline, until a condition holds.
    /// Syslog that arrives meanwhile (the %SMART_LIC outcome of an asynchronous operation) is collected too:
    /// it often says why before 'show license status' does.
    /// </summary>
    public sealed class LicensePoller
    {
        private readonly DeviceSession _session;
        private readonly List<SyslogMessage> _syslog = new List<SyslogMessage>();

        public LicensePoller(DeviceSession session) { _session = session; }

        /// <summary>First wait between polls; it grows by half each time up to <see cref="MaximumInterval"/>.</summary>
        public TimeSpan InitialInterval { get; set; } = TimeSpan.FromMilliseconds(250);
        public TimeSpan MaximumInterval { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Every syslog message seen since this poller was made (including those on other commands fed in).</summary>
        public IReadOnlyList<SyslogMessage> Syslog => _syslog;

        public void Collect(IEnumerable<SyslogMessage> messages) { if (messages != null) _syslog.AddRange(messages); }

        /// <summary>The quick status: the platform's first status command ('show license status', ASA 'show license all').</summary>
        public LicenseStatus ReadQuick(CancellationToken ct, out string rawOutput)
        {
            var identity = _session.Identity;
            var command = _session.PlatformDriver.LicensingCommandsFor(identity?.LicensingMode ?? LicensingMode.Unknown).StatusCommands.First();
            var result = _session.Invoke(command, null, ct);
            Collect(result.Syslog);
            rawOutput = result.Output;
            var status = LicenseOutputParser.ParseMany(new[] { (result.Command, result.Output) }, DeviceLicenseReader.PlatformName(_session.Platform));
            foreach (var m in result.Syslog) if (!status.SyslogMessages.Contains(m)) status.SyslogMessages.Add(m);
            return status;
        }

        /// <summary>Polls until <paramref name="done"/> says so or the deadline passes (then returns the last state and false).</summary>
        public bool WaitUntil(Func<LicenseStatus, string, bool> done, DateTime deadlineUtc, CancellationToken ct, out LicenseStatus last, out string lastRaw)
        {
            var interval = InitialInterval;
            last = null;
            lastRaw = null;
            while (true)
            {
                try
                {
                    last = ReadQuick(ct, out lastRaw);
                    if (done(last, lastRaw)) return true;
                }
                catch (DeviceException ex) when (ex.ErrorId == DeviceErrorIds.CommandTimeout && _session.State == DeviceSessionState.Open
                                                 && DateTime.UtcNow < deadlineUtc)
                {
                    // A poll is read-only: one that timed out but got the prompt back is simply tried again.
                    if (last == null) last = new LicenseStatus();
                }
                var left = deadlineUtc - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) return false;
                var sleep = interval < left ? interval : left;
                if (ct.WaitHandle.WaitOne(sleep)) ct.ThrowIfCancellationRequested();
                interval = TimeSpan.FromMilliseconds(Math.Min(MaximumInterval.TotalMilliseconds, interval.TotalMilliseconds * 1.5));
            }
        }

        /// <summary>The newest message of the platform's licensing facility (%SMART_LIC-, IOS-XR %LICENSE-SMART_LIC-) with one of these mnemonics, or null.</summary>
        public SyslogMessage Last(params string[] mnemonics) =>
            _syslog.LastOrDefault(m => _session.PlatformDriver.IsLicensingSyslog(m) && mnemonics.Contains(m.Mnemonic));

        /// <summary>The text after "failed:" / the last ": " of a %SMART_LIC failure message (the device's reason).</summary>
        public static string ReasonFrom(SyslogMessage message)
        {
            if (message == null) return null;
            var text = message.Text ?? string.Empty;
            var m = TextPatterns.Match(text, @"failed:\s*(.+)$", RegexOptions.IgnoreCase);
            if (m.Success) return m.Groups[1].Value.Trim().TrimEnd('.');
            var colon = text.LastIndexOf(": ", StringComparison.Ordinal);
            return (colon >= 0 ? text.Substring(colon + 2) : text).Trim().TrimEnd('.');
        }

        /// <summary>A "Failure reason:" line printed under a section header (trust code, usage reporting) of raw output.</summary>
        public static string FailureReasonUnder(string raw, string sectionStart)
        {
            if (string.IsNullOrEmpty(raw)) return null;
            var at = raw.IndexOf(sectionStart, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return null;
            var m = TextPatterns.Match(raw.Substring(at), @"Failure reason:\s*(.+)");
            return m.Success ? m.Groups[1].Value.Trim() : null;
        }
    }
}
