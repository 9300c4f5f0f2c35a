using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Commands.Completion;
using EngineHostKeyPolicy = SsmOnPrem.Client.Devices.HostKeys.HostKeyPolicy;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that talks to devices: the connection parameters of New-SsmDeviceSession (all bound from the
    /// pipeline by property name, so inventories and the lab's device list pipe straight in), -ThrottleLimit and
    /// -ProgressInterval. Each pipeline record becomes engine options and is handed, with the work a derived cmdlet
    /// prepares for it (<see cref="PrepareDevice"/>, on the pipeline thread: ShouldProcess, capture parameter values),
    /// to one <see cref="FleetRunner"/>, which runs it on a worker, writes its output, shows progress, owns its session
    /// and cancels what is left when the pipeline ends early (docs/ARCHITECTURE.md, "The cmdlet layer").
    /// </summary>
    public abstract class DeviceConnectionCmdlet : SsmCmdlet, IDisposable
    {
        protected const string ConnectSet = "ComputerName";

        /// <summary>DNS name or IP address of the device.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Address", "IPAddress")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ComputerNameCompleter))]
        public string ComputerName { get; set; }

        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        /// <summary>Login user and password; with -KeyFilePath the password is the key's passphrase (empty for none).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public virtual PSCredential Credential { get; set; }

        /// <summary>The login credential of this pipeline record; workflow cmdlets resolve -CredentialMap here.</summary>
        protected virtual PSCredential ResolveCredential() => Credential;

        /// <summary>The enable secret (the user name is ignored).</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public PSCredential EnableCredential { get; set; }

        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string KeyFilePath { get; set; }

        /// <summary>
        /// Strict (default), AcceptNew, Pinned or None. A string, not the engine's enum: a cmdlet class must not hold
        /// engine value types, which the runtime would load while PowerShell scans the module, before our resolver runs.
        /// </summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Strict", "AcceptNew", "Pinned", "None", IgnoreCase = true)]
        public string HostKeyPolicy { get; set; } = "Strict";

        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public string HostKeyFingerprint { get; set; }

        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string KnownHostsPath { get; set; }

        // ---- SSH reach (docs/ssh-reach.md): algorithm policy, jump host, keepalive ----

        /// <summary>Compatible (default), Modern (no SHA-1, no CBC) or Legacy (also broken algorithms). A string for the reason given at HostKeyPolicy.</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Compatible", "Modern", "Legacy", IgnoreCase = true)]
        public string SshAlgorithmPolicy { get; set; } = "Compatible";

        /// <summary>Bastion to reach the device through: host or host:port. One SSH connection to it carries every device of the run.</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public string JumpHost { get; set; }

        /// <summary>User name and password for the bastion.</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public PSCredential JumpCredential { get; set; }

        /// <summary>The bastion credential of this pipeline record; workflow cmdlets resolve a JumpCredentialName column through -CredentialMap.</summary>
        protected virtual PSCredential ResolveJumpCredential() => JumpCredential;

        /// <summary>Host key policy for the bastion (Strict, AcceptNew, Pinned, None); the bastion's key is checked like a device's.</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Strict", "AcceptNew", "Pinned", "None", IgnoreCase = true)]
        public string JumpHostKeyPolicy { get; set; } = "Strict";

        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public string JumpHostKeyFingerprint { get; set; }

        /// <summary>Seconds between SSH keepalives (0: none), for sessions waiting minutes behind NAT or firewalls.</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 3600)]
        public int KeepAliveSec { get; set; }

        /// <summary>Seconds allowed to connect and log in, and for each command (-TimeoutSec is its alias; waits for an outcome are -WaitTimeoutSec).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("TimeoutSec")]
        [ValidateRange(1, 86400)]
        public int CommandTimeoutSec { get; set; } = 30;

        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string TranscriptPath { get; set; }

        /// <summary>
        /// Seconds between one-line progress summaries on the information stream (tag SsmOnPrem.Progress). Default: 30
        /// in hosts that show no progress bar (-NonInteractive, Azure Automation, redirected output, hosts other than the
        /// console), none in an interactive console; 0 turns them off.
        /// </summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int ProgressInterval { get; set; } = FleetHost.DefaultSummaryIntervalSec;

        /// <summary>Devices worked on at the same time (each on its own thread).</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 16;

        /// <summary>While <see cref="PrepareDevice"/> runs for a session given with -Session: that session (else null).</summary>
        protected DeviceSession CurrentSession { get; private set; }

        /// <summary>Sessions given with -Session for this pipeline record (DeviceCmdlet declares -Session), or null.</summary>
        protected virtual IReadOnlyList<DeviceSession> SessionsForThisRecord => null;

        /// <summary>-Shard/-ShardCount as a filter (DeviceCmdlet declares them), or null: every device is this worker's.</summary>
        protected virtual ShardFilter Shards => null;

        /// <summary>How this command's run goes (sessions kept open, opened by the work, devices collected first); the throttle and progress are set already.</summary>
        protected virtual void ConfigureRun(FleetRunnerSettings run) { }

        /// <summary>
        /// Pipeline thread: decide whether to act on this device (ShouldProcess) and capture what the work needs.
        /// Returns the work to run with an open session on a worker thread, or null to skip the device.
        /// </summary>
        protected abstract Action<DeviceSession, DeviceWork> PrepareDevice(string target);

        private FleetRunner _runner;

        /// <summary>The run of this command's devices (fan-out, progress, sessions, cancellation), made at the first device.</summary>
        protected FleetRunner Runner
        {
            get
            {
                if (_runner != null) return _runner;
                var settings = new FleetRunnerSettings
                {
                    Throttle = ThrottleLimit,
                    SummaryIntervalSec = FleetHost.SummaryIntervalSec(Host, MyInvocation.BoundParameters.ContainsKey(nameof(ProgressInterval)) ? ProgressInterval : (int?)null),
                };
                ConfigureRun(settings);
                return _runner = new FleetRunner(this, settings, CancellationToken);
            }
        }

        protected override void ProcessRecord()
        {
            ShardFilter shards;
            try { shards = Shards; }
            catch (SsmOnPremException ex) { ThrowSsmError(ex); return; }
            var sessions = SessionsForThisRecord;
            if (sessions != null)
            {
                foreach (var session in sessions)
                {
                    if (session == null || (shards != null && !shards.IsMine(session.ComputerName, session.Port))) continue;
                    CurrentSession = session;
                    Action<DeviceSession, DeviceWork> work;
                    try { work = PrepareDevice(session.Hostname ?? session.ComputerName); }
                    finally { CurrentSession = null; }
                    if (work != null) Runner.Submit(session, work);
                }
            }
            else if (shards != null && !shards.IsMine(ComputerName, Port))
            {
                WriteDebug($"{ComputerName}:{Port} belongs to shard {shards.ShardOf(ComputerName, Port)}; not this worker's ({shards}).");
            }
            else
            {
                DeviceConnectionOptions options;
                // A bad row (an unknown CredentialName, say) fails alone: a non-terminating error, the other rows go on.
                try { options = BuildOptions(); }
                catch (SsmOnPremException ex)
                {
                    WriteSsmError(ex, ComputerName);
                    _runner?.RunPendingOutputs();
                    return;
                }
                if (options.HostKeyPolicy == EngineHostKeyPolicy.None && string.IsNullOrEmpty(options.HostKeyFingerprint))
                    WriteWarning($"Host key verification is OFF for {options.ComputerName}:{options.Port} (-HostKeyPolicy None): anyone on the path can impersonate the device and read the credentials. Use it only in a lab.");
                if (options.JumpHost != null && options.JumpHost.HostKeyPolicy == EngineHostKeyPolicy.None && string.IsNullOrEmpty(options.JumpHost.HostKeyFingerprint))
                    WriteWarning($"Host key verification is OFF for the jump host {options.JumpHost} (-JumpHostKeyPolicy None): anyone on the path can impersonate the bastion and read its credentials. Use it only in a lab.");
                var work = PrepareDevice(options.ComputerName);
                if (work != null) Runner.Submit(options, work);
            }
            _runner?.RunPendingOutputs();
        }

        protected override void EndProcessing() => _runner?.Complete();

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _runner?.Stop();
        }

        /// <summary>
        /// Called by PowerShell when the pipeline ends, also after a terminating error: the runner cancels and waits for
        /// the devices still running, so nothing runs on after the command returned and derived cmdlets can then close their files.
        /// </summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _runner?.Dispose();
        }

        /// <summary>-WhatIf given or $WhatIfPreference set: nothing may be changed, not even known_hosts.</summary>
        protected bool WhatIfRequested =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var v) ? ((SwitchParameter)v).IsPresent
                : SessionState.PSVariable.GetValue("WhatIfPreference") is object p && LanguagePrimitives.IsTrue(p);

        /// <summary>The connection parameters of this pipeline record as engine options (a snapshot: workers run later).</summary>
        protected DeviceConnectionOptions BuildOptions()
        {
            var fingerprint = string.IsNullOrWhiteSpace(HostKeyFingerprint) ? null : HostKeyFingerprint.Trim();
            var policy = (EngineHostKeyPolicy)Enum.Parse(typeof(EngineHostKeyPolicy), HostKeyPolicy ?? "Strict", ignoreCase: true);
            // A fingerprint on the input pins that device's key unless a policy was asked for explicitly.
            if (fingerprint != null && !MyInvocation.BoundParameters.ContainsKey(nameof(HostKeyPolicy))) policy = EngineHostKeyPolicy.Pinned;
            return new DeviceConnectionOptions
            {
                SshAlgorithmPolicy = (SsmOnPrem.Client.Devices.Ssh.SshAlgorithmPolicy)Enum.Parse(typeof(SsmOnPrem.Client.Devices.Ssh.SshAlgorithmPolicy), SshAlgorithmPolicy ?? "Compatible", ignoreCase: true),
                JumpHost = BuildJumpHost(),
                JumpHosts = string.IsNullOrWhiteSpace(JumpHost) ? null : Runner.JumpHosts,
                KeepAliveInterval = TimeSpan.FromSeconds(KeepAliveSec),
                ComputerName = ComputerName,
                Port = Port,
                Credential = ResolveCredential()?.GetNetworkCredential(),
                EnableCredential = EnableCredential?.GetNetworkCredential(),
                KeyFilePath = string.IsNullOrEmpty(KeyFilePath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFilePath),
                HostKeyPolicy = policy,
                HostKeyFingerprint = fingerprint,
                KnownHostsPath = string.IsNullOrEmpty(KnownHostsPath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KnownHostsPath),
                ConnectTimeout = TimeSpan.FromSeconds(CommandTimeoutSec),
                CommandTimeout = TimeSpan.FromSeconds(CommandTimeoutSec),
                TranscriptPath = string.IsNullOrEmpty(TranscriptPath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(TranscriptPath),
                DoNotWriteKnownHosts = WhatIfRequested,
            };
        }

        private SsmOnPrem.Client.Devices.Ssh.JumpHostOptions BuildJumpHost()
        {
            if (string.IsNullOrWhiteSpace(JumpHost)) return null;
            SsmOnPrem.Client.Devices.Ssh.JumpHostOptions jump;
            try { jump = SsmOnPrem.Client.Devices.Ssh.JumpHostOptions.Parse(JumpHost); }
            catch (SsmOnPremException ex) { ThrowSsmError(ex, JumpHost); return null; }
            var jumpFingerprint = string.IsNullOrWhiteSpace(JumpHostKeyFingerprint) ? null : JumpHostKeyFingerprint.Trim();
            var jumpPolicy = (EngineHostKeyPolicy)Enum.Parse(typeof(EngineHostKeyPolicy), JumpHostKeyPolicy ?? "Strict", ignoreCase: true);
            if (jumpFingerprint != null && !MyInvocation.BoundParameters.ContainsKey(nameof(JumpHostKeyPolicy))) jumpPolicy = EngineHostKeyPolicy.Pinned;
            jump.Credential = ResolveJumpCredential()?.GetNetworkCredential();
            jump.HostKeyPolicy = jumpPolicy;
            jump.HostKeyFingerprint = jumpFingerprint;
            return jump;
        }
    }
}
