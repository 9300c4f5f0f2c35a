using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Client.Workflows.Fleet;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Registers devices with SSM On-Prem, the whole procedure per device (RegistrationWorkflow), for one device or a
    /// fleet: -ThrottleLimit devices at once, one SsmOnPrem.RegistrationResult per device as it finishes, failures as
    /// non-terminating errors, -JournalPath to resume a killed run.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Register, "SsmDevice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ConnectSet)]
    [OutputType(typeof(RegistrationResult))]
    public sealed class RegisterSsmDeviceCommand : WorkflowNetworkPathCmdlet
    {
        /// <summary>ID token: SecureString, string, or a token object from New-SsmToken.</summary>
        [Parameter]
        public object Token { get; set; }

        /// <summary>Create a token in On-Prem for this run (expires after 1 day, no use limit sent); it is revoked when the run is over unless -KeepToken.</summary>
        [Parameter]
        public SwitchParameter NewToken { get; set; }

        /// <summary>With -NewToken: keep the token after the run instead of revoking it.</summary>
        [Parameter]
        public SwitchParameter KeepToken { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter SkipTransport { get; set; }

        [Parameter]
        public SwitchParameter SkipConnectivityTest { get; set; }

        /// <summary>Leave a transport change in the running configuration only (no 'copy running-config startup-config' / 'write memory').</summary>
        [Parameter]
        public SwitchParameter SkipSave { get; set; }

        /// <summary>How long to wait for the registration outcome, trust code or usage acknowledgement (the per-command timeout is -CommandTimeoutSec).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int WaitTimeoutSec { get; set; } = 300;

        /// <summary>Do not compare the device-facing host with the names in the certificate of the device-facing port.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateNameCheck { get; set; }

        /// <summary>
        /// Wait for the outcome (the default, also when absent); -Wait:$false returns Submitted once the device has accepted
        /// 'license smart register' / 'license smart sync', without the Wait and Verify stages.
        /// </summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>Auto (by licensing mode), CallHome, SmartTransport or Cslu.</summary>
        [Parameter]
        [ValidateSet("Auto", "CallHome", "SmartTransport", "Cslu", IgnoreCase = true)]
        public string TransportType { get; set; } = "Auto";

        /// <summary>Device-facing URL to configure (default: read from the connected On-Prem per mode).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; }

        /// <summary>JSON-lines file: every finished device is appended; a rerun skips devices already done (unless -Force).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; }

        /// <summary>On-Prem connection (default: the one from Connect-SsmOnPrem).</summary>
        [Parameter]
        public OnPremConnection Connection { get; set; }

        // The workflow opens the session itself, so a connection failure is its Connect stage; -NewToken counts the devices first.
        protected override void ConfigureRun(FleetRunnerSettings run)
        {
            run.WorkOpensSession = true;
            run.CollectDevicesFirst = NewToken.IsPresent;
            run.BeforeRun = BeforeRun;
        }

        private RegistrationRequest _request;
        private ResultJournal _journal;
        private JournalProgress _journalled;
        private bool _prepared;
        private OnPremToken _createdToken;
        private OnPremConnection _tokenConnection;
        private DeviceUrlPreparation _urls;
        private readonly SharedText _sharedText = new SharedText();
        private CancellationTokenSource _preparationStop;

        protected override void BeginProcessing()
        {
            if (NewToken && Token != null)
                ThrowSsmError(new SsmOnPremException("TokenConflict", SsmErrorKind.InvalidArgument, "-Token and -NewToken cannot be used together.", "Give one of them."));
            ValidateNetworkPath();
            if (!string.IsNullOrEmpty(JournalPath))
            {
                try { _journal = ResultJournal.Open(SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath), WriteWarning); }
                catch (SsmOnPremException ex) { ThrowSsmError(ex, JournalPath); }
                _journalled = JournalProgress.From(_journal);
            }
            // The URLs and their certificate's names are looked up while the first device is still on its way; the first
            // device waits for them (BeforeRun). Cancelled when the command ends, so they never outlive it.
            var configuresUrl = Url != null || !SkipTransport;
            _preparationStop = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
            _urls = DeviceUrlPreparation.Start(Connection ?? OnPremSessions.Current, Url, configuresUrl, configuresUrl && !SkipCertificateNameCheck, _preparationStop.Token);
        }

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target)
        {
            if (!FirstTimeSeen(target)) return null;
            var key = ParameterSetName == SessionSet ? null : $"{ComputerName}:{Port}";
            var port = Port;
            if (key != null && _journalled != null && !Force && _journalled.IsDone(ComputerName, Port, out var done))
            {
                WriteVerbose($"{key}: {done} in an earlier run (journal {JournalPath}); skipped.");
                WriteObject(new RegistrationResult { ComputerName = ComputerName, Port = Port, Outcome = RegistrationOutcome.Skipped, StartedAt = DateTimeOffset.Now,
                    FailureReason = $"{done} in an earlier run recorded in the journal" });
                return null;
            }
            var whatIf = IsWhatIf();
            if (!whatIf && !ShouldProcess(target, "Register with SSM On-Prem (transport, connectivity check, register/trust, sync, verify)")) return null;
            var computerName = ComputerName;
            return (session, work) =>
            {
                var request = _request;
                if (whatIf) request = request.ForPlan();
                var workflow = new RegistrationWorkflow(request, work.WriteVerbose) { StageReached = stage => work.ReportStage(stage.ToString()) };
                // 'show version' is the workflow's own Identify stage, so its failure is reported as such, not as Connect.
                if (work.Options != null) work.Options.DetectPlatform = false;
                var result = session != null
                    ? workflow.RunOn(session, new RegistrationResult { ComputerName = session.ComputerName, Port = session.Port, StartedAt = DateTimeOffset.Now }, work.CancellationToken)
                    : workflow.Run(computerName, port, work.OpenSession, work.CancellationToken);
                if (work.CancellationToken.IsCancellationRequested) return;
                // A run's results carry the same texts per device: one copy of each (results are held until the caller lets go).
                _sharedText.Share(result);
                if (whatIf)
                {
                    work.OnPipelineThread(() => ShouldProcess(result.ComputerName,
                        result.PlannedCommands.Count == 0 ? $"nothing to send ({result.Status}{(result.FailureReason != null ? ": " + result.FailureReason : "")})"
                            : "send " + string.Join(" ; ", result.PlannedCommands)));
                    return;
                }
                _journal?.Append(result);
                if (result.Outcome == RegistrationOutcome.Failed)
                    work.WriteError(new SsmOnPremException(result.ErrorId ?? WorkflowErrorIds.RegistrationFailed, result.FailureKind,
                        $"{result.Hostname ?? result.ComputerName} ({result.ComputerName}:{result.Port}): registration failed at {result.FailureStage}: {result.FailureReason}", result.Recommendation ?? FailureRecommendation.ForStage(result.FailedAt)) { Target = result.ComputerName });
                work.WriteObject(result);
            };
        }

        private bool BeforeRun(int deviceCount)
        {
            if (_prepared) return true;
            _prepared = true;
            var connection = Connection ?? OnPremSessions.Current;
            var kind = ParseKind(TransportType);
            _request = new RegistrationRequest
            {
                Force = Force,
                SkipTransport = SkipTransport,
                SkipConnectivityTest = SkipConnectivityTest,
                SkipSave = SkipSave,
                TransportKind = kind,
                ExpectedSmartAccount = connection?.Account,
                ExpectedVirtualAccount = connection?.VirtualAccount,
                Wait = !MyInvocation.BoundParameters.ContainsKey(nameof(Wait)) || Wait.IsPresent,
                Extras = new TransportExtras { SourceInterface = SourceInterface, Vrf = Vrf },
                WaitTimeout = TimeSpan.FromSeconds(WaitTimeoutSec),
            };
            try
            {
                _request.Token = OnPremLookup.TokenText(Token);
                // Refuse a bad token before any device is touched (not at the register step, after the transport was configured).
                if (_request.Token != null) CliArgument.Token(_request.Token, "-Token");
                // Before any device is touched: a host the certificate does not carry fails on every device, tersely.
                _urls.Finish(_request, WriteVerbose, WriteWarning);
                if (NewToken)
                {
                    if (connection == null)
                        throw new SsmOnPremException("NotConnected", SsmErrorKind.InvalidOperation, "-NewToken needs a connection to SSM On-Prem.", "Run Connect-SsmOnPrem first, or pass -Connection.");
                    if (IsWhatIf()) { WriteVerbose($"WhatIf: would create a token for {deviceCount} devices."); _request.Token = "WHATIF-TOKEN-PLACEHOLDER"; }
                    else
                    {
                        // No use limit: the API field for one is not publicly known (docs/onprem-api.md); revoking at the end bounds the token instead.
                        var token = OnPremLookup.Call(connection, (c, ct) => c.CreateTokenAsync(new NewTokenRequest
                        {
                            Description = $"Register-SsmDevice {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z, {deviceCount} devices",
                            ExpiresAfterDays = 1,
                        }, ct), CancellationToken);
                        _request.Token = token.Value;
                        _createdToken = token;
                        _tokenConnection = connection;
                        WriteVerbose($"Created ID token {token.Hint} in '{token.VirtualAccount}' for {deviceCount} devices (expires after 1 day; " +
                            (KeepToken ? "kept after the run: -KeepToken)." : "revoked when the run is over; -KeepToken keeps it)."));
                    }
                }
            }
            catch (SsmOnPremException ex)
            {
                ThrowSsmError(ex);
            }
            return true;
        }

        protected override void EndProcessing()
        {
            try { base.EndProcessing(); }
            finally
            {
                _journal?.Dispose();
                RevokeCreatedToken();
            }
        }

        /// <summary>-NewToken: the run's token is revoked once every device is done (not with -KeepToken), and the user is told.</summary>
        private void RevokeCreatedToken()
        {
            var token = _createdToken;
            _createdToken = null;
            if (token == null) return;
            if (KeepToken)
            {
                WriteVerbose($"Kept the ID token {token.Hint} of '{token.VirtualAccount}' (-KeepToken); revoke it with Get-SsmToken | Revoke-SsmToken when done.");
                return;
            }
            try
            {
                // Not the pipeline's token: the revocation must happen even after Ctrl+C.
                using (var deadline = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(60)))
                    OnPremLookup.Call(_tokenConnection, async (c, ct) => { await c.RevokeTokenAsync(token.VirtualAccount, token.Value, ct).ConfigureAwait(false); return true; }, deadline.Token);
                WriteVerbose($"Revoked the ID token {token.Hint} created for this run (-KeepToken keeps it).");
            }
            catch (SsmOnPremException ex)
            {
                WriteWarning($"The ID token {token.Hint} created for this run could not be revoked ({ex.Message}); revoke it in the On-Prem UI or with Get-SsmToken -VirtualAccount '{token.VirtualAccount}' | Revoke-SsmToken. It expires after 1 day.");
            }
        }

        // After a terminating error EndProcessing never runs: the base drains the devices still running (what they
        // finish is journalled), then the journal is closed, so a rerun can open it at once (Windows locks open files).
        protected override void Dispose(bool disposing)
        {
            _preparationStop?.Cancel();
            try { base.Dispose(disposing); }
            finally { if (disposing) _journal?.Dispose(); }
        }

        private bool IsWhatIf() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var v) ? ((SwitchParameter)v).IsPresent
                : SessionState.PSVariable.GetValue("WhatIfPreference") is object p && LanguagePrimitives.IsTrue(p);

        private static DeviceTransportKind? ParseKind(string type)
        {
            switch ((type ?? "Auto").ToLowerInvariant())
            {
                case "callhome": return DeviceTransportKind.CallHome;
                case "smarttransport": return DeviceTransportKind.SmartTransport;
                case "cslu": return DeviceTransportKind.Cslu;
                default: return null;
            }
        }
    }
}
