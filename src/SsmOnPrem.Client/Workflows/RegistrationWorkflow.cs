using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>
    /// The whole registration of one device, stage by stage:
    /// legacy: identify → transport (call-home) → ping On-Prem → 'license smart register idtoken' → wait (poll + syslog) → verify;
    /// SLP: identify → transport (CSLU) → optional 'license smart trust idtoken' → 'license smart sync' → wait for the ACK → verify.
    /// Never throws for a device problem: the result says which stage failed and why (in the device's words).
    /// The path of one registration, stage by stage down to the CLI lines: docs/ARCHITECTURE.md.
    /// </summary>
    public sealed class RegistrationWorkflow
    {
        private readonly RegistrationRequest _request;
        private readonly Action<string> _verbose;
        // The stage in progress: a device error outside a Stage(...) wrapper (a poll, say) is still reported against it.
        private RegistrationStage _stage = RegistrationStage.Connect;

        public RegistrationWorkflow(RegistrationRequest request, Action<string> verbose = null)
        {
            _request = request ?? throw new ArgumentNullException(nameof(request));
            _verbose = verbose ?? (_ => { });
        }

        /// <summary>Hears each stage as the device reaches it (a fleet run counts devices per stage for its progress).</summary>
        public Action<RegistrationStage> StageReached { get; set; }

        // The stage in progress changes, and who listens hears it.
        private void Enter(RegistrationStage stage)
        {
            _stage = stage;
            StageReached?.Invoke(stage);
        }

        // Only the progress hears it: the stage a failure is reported against stays as it was.
        private void Reached(RegistrationStage stage) => StageReached?.Invoke(stage);

        /// <summary>Opens the session with <paramref name="open"/> (the Connect stage), runs the procedure and closes the session if it opened it.</summary>
        public RegistrationResult Run(string computerName, int port, Func<CancellationToken, DeviceSession> open, CancellationToken ct)
        {
            var result = new RegistrationResult { ComputerName = computerName, Port = port, StartedAt = DateTimeOffset.Now };
            var clock = Stopwatch.StartNew();
            DeviceSession session = null;
            try
            {
                Enter(RegistrationStage.Connect);
                try { session = open(ct); }
                catch (SsmOnPremException ex) when (!(ex is WorkflowFailure))
                {
                    throw new WorkflowFailure(RegistrationStage.Connect, ex.ErrorId, ex.Kind, ex.Message, ex.RecommendedAction, ex);
                }
                RunOn(session, result, ct);
            }
            catch (WorkflowFailure f)
            {
                Fail(result, f, session);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
            {
                Fail(result, AsFailure(ex), session);
            }
            finally
            {
                result.Duration = clock.Elapsed;
                // The session is this run's: nothing after the result needs it (closing twice is harmless).
                session?.Close();
            }
            return result;
        }

        /// <summary>Runs the procedure on an open session (not closed here).</summary>
        public RegistrationResult RunOn(DeviceSession session, RegistrationResult result, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            result.KeyExchange = session.KeyExchange;
            result.HostKeyAlgorithm = session.HostKeyAlgorithm;
            result.Cipher = session.Cipher;
            result.Mac = session.Mac;
            result.JumpHost = session.JumpHost;
            try
            {
                var poller = new LicensePoller(session);
                Enter(RegistrationStage.Identify);
                var identity = Identify(session, result, ct);
                var before = Stage(RegistrationStage.Identify, () => poller.ReadQuick(ct, out _), session);
                result.LicenseStatus = before;
                if (identity.LicensingMode == LicensingMode.SmartLicensingUsingPolicy) RunPolicy(session, poller, before, result, ct);
                else RunLegacy(session, poller, before, result, ct);
            }
            catch (WorkflowFailure f)
            {
                Fail(result, f, session);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
            {
                // Never lose a device: whatever went wrong becomes its result, at the stage in progress.
                Fail(result, AsFailure(ex), session);
            }
            finally
            {
                if (result.Duration == TimeSpan.Zero) result.Duration = clock.Elapsed;
            }
            return result;
        }

        private static DeviceIdentity Identify(DeviceSession session, RegistrationResult result, CancellationToken ct)
        {
            var identity = Stage(RegistrationStage.Identify, () => session.Identity ?? session.Identify(ct), session);
            result.Hostname = identity.Hostname ?? session.Hostname;
            result.Platform = DeviceLicenseReader.PlatformName(identity.Platform);
            result.Release = identity.Release;
            result.Mode = ModeName(identity.LicensingMode);
            if (session.PlatformDriver is GenericDriver || identity.LicensingMode == LicensingMode.Unknown)
                throw new WorkflowFailure(RegistrationStage.Identify, WorkflowErrorIds.IdentifyFailed, SsmErrorKind.InvalidData,
                    $"'show version' names no platform the module knows ({string.Join(", ", PlatformDriver.All.Select(d => d.DisplayName))})",
                    "Check the device type; register unsupported devices by hand with the token from New-SsmToken.");
            session.RequirePrivileged("Registration");
            return identity;
        }

        public static string ModeName(LicensingMode mode) =>
            mode == LicensingMode.SmartLicensingUsingPolicy ? "SLP" : mode == LicensingMode.SmartLicensing ? "SL" : null;

        // ---- legacy Smart Licensing ----

        private void RunLegacy(DeviceSession session, LicensePoller poller, LicenseStatus before, RegistrationResult result, CancellationToken ct)
        {
            var commands = session.PlatformDriver.LicensingCommandsFor(LicensingMode.SmartLicensing);
            if (before.RegistrationStatus == RegistrationStatus.Registered && !_request.Force)
            {
                if (SameAccount(before))
                {
                    _verbose($"{session.ComputerName}: already registered to {before.SmartAccount} / {before.VirtualAccount}; left untouched (use -Force to register again).");
                    result.Outcome = RegistrationOutcome.AlreadyRegistered;
                    return;
                }
                throw new WorkflowFailure(RegistrationStage.Register, WorkflowErrorIds.RegisteredElsewhere, SsmErrorKind.InvalidOperation,
                    $"already registered to Smart Account '{before.SmartAccount}', virtual account '{before.VirtualAccount}'",
                    "Run again with -Force to move the device to this On-Prem account, or deregister it first (Unregister-SsmDevice).");
            }
            if (string.IsNullOrEmpty(_request.Token))
                throw new WorkflowFailure(RegistrationStage.Register, WorkflowErrorIds.TokenRequired, SsmErrorKind.InvalidArgument,
                    "legacy Smart Licensing needs an ID token to register", "Pass -Token, or -NewToken to create one in On-Prem.");

            var kind = _request.TransportKind ?? DeviceTransportKind.CallHome;
            var url = ConfigureTransport(session, kind, before, result, ct);
            CheckConnectivity(session, url, result, ct);

            var register = commands.Register(_request.Token, _request.Force);
            session.AddSecret(_request.Token);
            if (_request.PlanOnly)
            {
                result.PlannedCommands.Add(session.Mask(register));
                result.Outcome = RegistrationOutcome.Skipped;
                result.FailureReason = "WhatIf: nothing was sent";
                return;
            }
            Reached(RegistrationStage.Register);
            // Syslog to this session: the outcome arrives as the driver's licensing messages (%SMART_LIC-, IOS-XR %LICENSE-SMART_LIC-), often before 'show license status' changes.
            session.Invoke("terminal monitor", new DeviceCommandOptions { ThrowOnCliError = false }, ct);
            var waitingSince = before.RegistrationStatus == RegistrationStatus.InProgress && !_request.Force;
            if (waitingSince)
            {
                // A run killed mid-wait left it in progress: wait for that attempt instead of spending the token twice.
                _verbose($"{session.ComputerName}: a registration is already in progress; waiting for it.");
            }
            else
            {
                var sent = Stage(RegistrationStage.Register, () => session.Invoke(register,
                    new DeviceCommandOptions { Secrets = new[] { _request.Token }, AllowConfirmation = _request.Force }, ct), session);
                result.CommandsSent.Add(sent.Command);
                poller.Collect(sent.Syslog);
                if (poller.Last("AGENT_ALREADY_REGISTER") != null && !_request.Force)
                    throw new WorkflowFailure(RegistrationStage.Register, WorkflowErrorIds.RegistrationFailed, SsmErrorKind.InvalidOperation,
                        poller.Last("AGENT_ALREADY_REGISTER").Text, "Run again with -Force.");
            }

            if (!_request.Wait)
            {
                Submitted(session, poller, result, ct, waitingSince
                    ? "a registration already in progress (from an earlier run) is left to finish"
                    : "the device accepted 'license smart register'");
                return;
            }

            Enter(RegistrationStage.Wait);
            _verbose($"{session.ComputerName}: waiting for the registration outcome (deadline {_request.WaitTimeout.TotalSeconds:0} s).");
            var deadline = DateTime.UtcNow + _request.WaitTimeout;
            var done = poller.WaitUntil((s, _) =>
                    s.RegistrationStatus == RegistrationStatus.Registered || s.RegistrationStatus == RegistrationStatus.Failed
                    || poller.Last("AGENT_REG_FAILED") != null,
                deadline, ct, out var last, out _);
            result.LicenseStatus = last;
            if (!done)
                throw new WorkflowFailure(RegistrationStage.Wait, WorkflowErrorIds.WaitTimeout, SsmErrorKind.OperationTimeout,
                    $"still '{last.RegistrationStatusText ?? last.RegistrationStatus.ToString()}' after {_request.WaitTimeout.TotalSeconds:0} s",
                    "Check the device's reachability of On-Prem (show license status, show call-home), or raise -WaitTimeoutSec.");
            if (last.RegistrationStatus != RegistrationStatus.Registered)
            {
                var reason = last.RegistrationFailureReason ?? LicensePoller.ReasonFrom(poller.Last("AGENT_REG_FAILED")) ?? last.RegistrationStatusText;
                throw new WorkflowFailure(RegistrationStage.Register, WorkflowErrorIds.RegistrationFailed, SsmErrorKind.DeviceError,
                    session.Mask(reason), "Fix what the device reports (token expired, revoked or used up: create one with New-SsmToken; unreachable server: check the transport URL and DNS), then run again.");
            }

            Enter(RegistrationStage.Verify);
            Verify(session, result, ct, s => s.RegistrationStatus == RegistrationStatus.Registered
                ? null : $"registration status is {s.RegistrationStatusText ?? s.RegistrationStatus.ToString()}");
            if (result.LicenseStatus.AuthorizationStatus != AuthorizationStatus.Authorized && result.LicenseStatus.AuthorizationStatus != AuthorizationStatus.Unknown)
                _verbose($"{session.ComputerName}: registered; authorization is {result.LicenseStatus.AuthorizationStatusText} (it follows on its own).");
            result.Outcome = RegistrationOutcome.Registered;
        }

        // ---- Smart Licensing Using Policy ----

        private void RunPolicy(DeviceSession session, LicensePoller poller, LicenseStatus before, RegistrationResult result, CancellationToken ct)
        {
            var commands = session.PlatformDriver.LicensingCommandsFor(LicensingMode.SmartLicensingUsingPolicy);
            var kind = _request.TransportKind ?? DeviceTransportKind.Cslu;
            var url = _request.UrlFor(kind);
            if (!_request.Force && before.LastAckReceived.HasValue && SameAccount(before)
                && string.Equals(before.TransportUrl, url, StringComparison.OrdinalIgnoreCase)
                && (string.IsNullOrEmpty(_request.Token) || before.TrustCodeInstalled.HasValue))
            {
                _verbose($"{session.ComputerName}: already reporting to {url} (last ACK {before.LastAckReceived}); left untouched (use -Force to report again).");
                result.Outcome = RegistrationOutcome.AlreadyRegistered;
                return;
            }

            ConfigureTransport(session, kind, before, result, ct);
            CheckConnectivity(session, url, result, ct);

            var plan = new List<string>();
            var trust = !string.IsNullOrEmpty(_request.Token) && commands.SupportsTrust && (_request.Force || !before.TrustCodeInstalled.HasValue)
                ? commands.Trust(_request.Token, _request.AllMembers, _request.Force) : null;
            if (trust != null) { session.AddSecret(_request.Token); plan.Add(trust); }
            var sync = commands.Sync(_request.AllMembers);
            plan.Add(sync);
            if (_request.PlanOnly)
            {
                result.PlannedCommands.AddRange(plan.Select(session.Mask));
                result.Outcome = RegistrationOutcome.Skipped;
                result.FailureReason = "WhatIf: nothing was sent";
                return;
            }
            Reached(RegistrationStage.Register);
            session.Invoke("terminal monitor", new DeviceCommandOptions { ThrowOnCliError = false }, ct);
            var deadline = DateTime.UtcNow + _request.WaitTimeout;

            if (trust != null)
            {
                Enter(RegistrationStage.Wait);
                var sent = Stage(RegistrationStage.Register, () => session.Invoke(trust,
                    new DeviceCommandOptions { Secrets = new[] { _request.Token }, AllowConfirmation = _request.Force }, ct), session);
                result.CommandsSent.Add(sent.Command);
                poller.Collect(sent.Syslog);
                var trusted = poller.WaitUntil((s, _) => (s.TrustCodeInstalled.HasValue && s.TrustCodeInstalled != before.TrustCodeInstalled)
                        || poller.Last("TRUST_INSTALL_FAILED", "TRUST_INSTALL_SUCCESS") != null,
                    deadline, ct, out var afterTrust, out var raw);
                result.LicenseStatus = afterTrust;
                var failed = poller.Last("TRUST_INSTALL_FAILED");
                if (!trusted)
                    throw new WorkflowFailure(RegistrationStage.Wait, WorkflowErrorIds.WaitTimeout, SsmErrorKind.OperationTimeout,
                        $"no trust code installed after {_request.WaitTimeout.TotalSeconds:0} s", "Check the CSLU URL and the device's reachability of On-Prem, or raise -WaitTimeoutSec.");
                // "already installed": a trust sent by an earlier (killed) run landed meanwhile; the device refused locally, nothing was spent.
                if (failed != null && poller.Last("TRUST_INSTALL_FAILED", "TRUST_INSTALL_SUCCESS") == failed
                    && (failed.Text ?? "").IndexOf("already installed", StringComparison.OrdinalIgnoreCase) < 0)
                    throw new WorkflowFailure(RegistrationStage.Register, WorkflowErrorIds.TrustFailed, SsmErrorKind.DeviceError,
                        session.Mask(LicensePoller.ReasonFrom(failed) ?? LicensePoller.FailureReasonUnder(raw, "Trust Code Installed")),
                        "Fix what the device reports (token expired, revoked or used up: create one with New-SsmToken), then run again.");
            }

            if (!_request.Wait)
            {
                // The trust code (above) is still waited for: the report the sync sends must be signed with it.
                var sent = Stage(RegistrationStage.Register, () => session.Invoke(sync, null, ct), session);
                result.CommandsSent.Add(sent.Command);
                Submitted(session, poller, result, ct, "the device accepted 'license smart sync'");
                return;
            }

            Enter(RegistrationStage.Wait);
            var ack = SyncAndWait(session, poller, before.LastAckReceived, sync, deadline, result, ct);
            Enter(RegistrationStage.Verify);
            Verify(session, result, ct, s => s.LastAckReceived.HasValue ? null : "no 'Last ACK received' after the sync");
            result.Outcome = RegistrationOutcome.Reported;
            _verbose($"{session.ComputerName}: usage report acknowledged at {ack}.");
        }

        /// <summary>'license smart sync ...', then waits until 'Last ACK received' moves past its value before the sync.</summary>
        internal static DateTimeOffset? SyncAndWait(DeviceSession session, LicensePoller poller, DateTimeOffset? ackBefore, string sync,
            DateTime deadline, RegistrationResult result, CancellationToken ct)
        {
            var seenBefore = poller.Syslog.Count;
            var sent = Stage(RegistrationStage.Register, () => session.Invoke(sync, null, ct), session);
            result.CommandsSent.Add(sent.Command);
            poller.Collect(sent.Syslog);
            // 'Last ACK received' has one-second resolution: a report acknowledged in the same second as the previous one
            // does not move it, so the %SMART_LIC-6-USAGE_ACK_RECEIVED message (seen only after the sync) counts too.
            bool AckedNow(LicenseStatus s) => s.LastAckReceived.HasValue
                && (!ackBefore.HasValue || s.LastAckReceived > ackBefore
                    || poller.Syslog.Skip(seenBefore).Any(m => session.PlatformDriver.IsLicensingSyslog(m) && m.Mnemonic == "USAGE_ACK_RECEIVED"));
            var acked = poller.WaitUntil((s, _) => AckedNow(s) || poller.Last("COMM_FAILED") != null,
                deadline, ct, out var last, out var raw);
            result.LicenseStatus = last;
            var commFailed = poller.Last("COMM_FAILED");
            if (commFailed != null && !AckedNow(last))
                throw new WorkflowFailure(RegistrationStage.Register, WorkflowErrorIds.ReportFailed, SsmErrorKind.DeviceError,
                    session.Mask(LicensePoller.ReasonFrom(commFailed)), "Check the CSLU transport URL and that On-Prem knows the virtual account, then run again.");
            if (!acked)
                throw new WorkflowFailure(RegistrationStage.Wait, WorkflowErrorIds.AckTimeout, SsmErrorKind.OperationTimeout,
                    $"no usage report acknowledgement after the sync (Last ACK received: {(last.LastAckReceived.HasValue ? last.LastAckReceived.ToString() : "none")})"
                    + (LicensePoller.FailureReasonUnder(raw, "Usage Reporting") is string why ? ": " + why : string.Empty),
                    "Check the CSLU URL and the device's reachability of On-Prem, or raise -WaitTimeoutSec.");
            return last.LastAckReceived;
        }

        // ---- shared stages ----

        /// <summary>-Wait:$false: the command was accepted; the outcome is the device's to finish (Test-SsmRegistration confirms it later).</summary>
        private void Submitted(DeviceSession session, LicensePoller poller, RegistrationResult result, CancellationToken ct, string what)
        {
            // One quick read so LicenseStatus shows the moment of return (e.g. REGISTRATION IN PROGRESS); a failed read keeps the earlier one.
            try { result.LicenseStatus = poller.ReadQuick(ct, out _); }
            catch (SsmOnPremException ex) { _verbose($"{session.ComputerName}: could not read the license status after submitting: {session.Mask(ex.Message)}"); }
            result.Outcome = RegistrationOutcome.Submitted;
            _verbose($"{session.ComputerName}: {what}; not waiting for the outcome (-Wait:$false). Test-SsmRegistration confirms it later.");
        }

        private string ConfigureTransport(DeviceSession session, DeviceTransportKind kind, LicenseStatus current, RegistrationResult result, CancellationToken ct)
        {
            var url = _request.UrlFor(kind);
            Enter(RegistrationStage.Transport);
            if (_request.SkipTransport) return url ?? current.TransportUrl;
            if (string.IsNullOrEmpty(url))
                throw new WorkflowFailure(RegistrationStage.Transport, WorkflowErrorIds.TransportUrlMissing, SsmErrorKind.InvalidArgument,
                    $"no {kind} URL to configure", "Connect to On-Prem first (Connect-SsmOnPrem) so the URL can be read, or pass -Url.");
            var plan = Stage(RegistrationStage.Transport, () => TransportConfiguration.Plan(session, kind, url, _request.Extras, current, ct), session);
            result.TransportChanged = !plan.UpToDate;
            if (plan.UpToDate) { _verbose($"{session.ComputerName}: transport already points at {url}."); return url; }
            var change = Stage(RegistrationStage.Transport, () => TransportChange.Apply(session, plan, _request.PlanOnly, _request.SkipSave, null, ct), session);
            if (_request.PlanOnly) { result.PlannedCommands.AddRange(change.PlannedLines); return url; }
            result.CommandsSent.AddRange(change.CommandsSent);
            result.ConfigSaved = change.Save.Saved;
            result.ConfigSaveReason = change.Save.Reason;
            if (change.Save.Saved == false) _verbose($"{session.ComputerName}: the transport change is not saved: {change.Save.Reason}.");
            return url;
        }

        private void CheckConnectivity(DeviceSession session, string url, RegistrationResult result, CancellationToken ct)
        {
            if (_request.SkipConnectivityTest || _request.PlanOnly || string.IsNullOrEmpty(url)) return;
            Reached(RegistrationStage.Connectivity);
            var target = _request.ConnectivityTarget ?? Connectivity.HostOf(url);
            // The TCP check goes to the port the device will use (the URL's; 443 when it names none).
            int? port = Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == "https" && _request.ConnectivityTarget == null ? uri.Port : (int?)null;
            var check = Stage(RegistrationStage.Connectivity, () => Connectivity.Test(session, target, _request.Extras?.Vrf, ct, _request.Extras?.SourceInterface, port), session);
            if (check.TcpCheck != null && check.TcpCheck.StartsWith("Skipped", StringComparison.Ordinal)) _verbose($"{session.ComputerName}: TCP check {check.TcpCheck}");
            if (check.Success) return;
            var id = check.FailedCheck == "NameResolution" || check.TcpCheck == "NameNotResolved" ? WorkflowErrorIds.NameNotResolved
                : check.FailedCheck == "TcpPort" ? WorkflowErrorIds.PortBlocked : WorkflowErrorIds.ConnectivityFailed;
            throw new WorkflowFailure(RegistrationStage.Connectivity, id, SsmErrorKind.ConnectionError,
                check.FailedCheck == "Ping" ? $"ping {target}: {check.Reason}" : check.Reason, check.Recommendation ?? "Check routing, ACLs and DNS from the device to On-Prem, or use -SkipConnectivityTest where ICMP is blocked.");
        }

        private WorkflowFailure AsFailure(Exception ex)
        {
            if (ex is SsmOnPremException ssm)
                return new WorkflowFailure(_stage, ssm.ErrorId, ssm.Kind, ssm.Message, ssm.RecommendedAction, ssm);
            return new WorkflowFailure(_stage, "UnexpectedWorkflowError", Common.SsmErrorKind.NotSpecified, ex.Message,
                "Run again with -Verbose and report the error if it persists.", ex);
        }

        private void Verify(DeviceSession session, RegistrationResult result, CancellationToken ct, Func<LicenseStatus, string> problem)
        {
            var report = Stage(RegistrationStage.Verify, () => DeviceLicenseReader.Read(session, ct), session);
            result.LicenseStatus = report.Status;
            var why = problem(report.Status);
            if (why != null)
                throw new WorkflowFailure(RegistrationStage.Verify, WorkflowErrorIds.VerifyFailed, SsmErrorKind.InvalidData, why,
                    "Run Get-SsmLicenseStatus on the device to see its full state.");
        }

        private bool SameAccount(LicenseStatus s) =>
            (string.IsNullOrEmpty(_request.ExpectedSmartAccount) || string.Equals(s.SmartAccount, _request.ExpectedSmartAccount, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(_request.ExpectedVirtualAccount) || string.Equals(s.VirtualAccount, _request.ExpectedVirtualAccount, StringComparison.OrdinalIgnoreCase));

        /// <summary>Runs a step; a device error in it becomes a failure of that stage, in the device's words.</summary>
        internal static T Stage<T>(RegistrationStage stage, Func<T> step, DeviceSession session)
        {
            try { return step(); }
            catch (WorkflowFailure) { throw; }
            catch (SsmOnPremException ex)
            {
                var reason = ex is DeviceCliException cli ? $"'{cli.Command}': {cli.ErrorLine}" : ex.Message;
                throw new WorkflowFailure(stage, ex.ErrorId, ex.Kind, session?.Mask(reason) ?? reason, ex.RecommendedAction, ex);
            }
        }

        private static void Fail(RegistrationResult result, WorkflowFailure f, DeviceSession session)
        {
            result.Outcome = RegistrationOutcome.Failed;
            result.FailedAt = f.Stage;
            result.FailureReason = session?.Mask(f.Reason) ?? f.Reason;
            result.ErrorId = f.ErrorId;
            result.Recommendation = FailureRecommendation.For(f.ErrorId, result.FailureStage, result.FailureReason, f.RecommendedAction);
        }
    }
}
