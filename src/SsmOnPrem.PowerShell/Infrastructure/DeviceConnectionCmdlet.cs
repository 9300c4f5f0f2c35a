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
    /// Base of every cmdlet that talks to devices. It owns the connection parameters of New-SsmDeviceSession (all bound
    /// from the pipeline by property name, so inventories and the lab's device list pipe straight in) and the fan-out:
    /// each piped device becomes a job that runs on a dedicated worker thread (up to <see cref="Throttle"/> at once,
    /// never the thread pool), while everything it writes (objects, verbose, warnings, errors) is marshalled back to the
    /// pipeline thread as it happens. One device's failure is a non-terminating error; the run goes on.
    /// Derived cmdlets implement <see cref="PrepareDevice"/> (on the pipeline thread: ShouldProcess, capture parameter
    /// values) and return the work to do with an open session (on a worker thread).
    /// When the pipeline ends early (a terminating error, -ErrorAction Stop, a downstream throw), PowerShell disposes the
    /// cmdlet: running devices are cancelled and their sessions closed before the command returns, so no work outlives it.
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

        private SsmOnPrem.Client.Devices.Ssh.JumpHostPool _jumpHosts;

        /// <summary>Seconds allowed to connect and log in, and for each command (-TimeoutSec is its alias; waits for an outcome are -WaitTimeoutSec).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("TimeoutSec")]
        [ValidateRange(1, 86400)]
        public int CommandTimeoutSec { get; set; } = 30;

        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string TranscriptPath { get; set; }

        /// <summary>How many devices run at once (derived cmdlets expose -ThrottleLimit).</summary>
        protected virtual int Throttle => 1;

        /// <summary>True for New-SsmDeviceSession: sessions it opens are handed to the caller, not closed.</summary>
        protected virtual bool KeepsSessionOpen => false;

        /// <summary>While <see cref="PrepareDevice"/> runs for a session given with -Session: that session (else null).</summary>
        protected DeviceSession CurrentSession { get; private set; }

        /// <summary>Sessions given with -Session for this pipeline record (DeviceCmdlet), or null.</summary>
        protected virtual IReadOnlyList<DeviceSession> SessionsForThisRecord => null;

        /// <summary>
        /// True: the work opens the session itself through <see cref="DeviceWork.OpenSession"/> (so a connection failure
        /// becomes part of its result), and is called with a null session for devices given by connection parameters.
        /// </summary>
        protected virtual bool WorkOpensSession => false;

        /// <summary>True: devices are collected until EndProcessing, <see cref="BeforeRun"/> sees the count, then they run.</summary>
        protected virtual bool CollectDevicesFirst => false;

        /// <summary>Called once on the pipeline thread before the first device runs (with <see cref="CollectDevicesFirst"/>: the device count).</summary>
        protected virtual bool BeforeRun(int deviceCount) => true;

        private readonly List<DeviceJob> _collected = new List<DeviceJob>();

        /// <summary>
        /// Pipeline thread: decide whether to act on this device (ShouldProcess) and capture what the work needs.
        /// Returns the work to run with an open session on a worker thread, or null to skip the device.
        /// </summary>
        protected abstract Action<DeviceSession, DeviceWork> PrepareDevice(string target);

        private readonly BlockingCollection<Action> _outputs = new BlockingCollection<Action>();
        private DeviceWorkerPool<DeviceJob, bool> _pool;
        private int _outstanding;
        private int _submitted;
        private int _finished;
        private int _failed;

        protected override void ProcessRecord()
        {
            var sessions = SessionsForThisRecord;
            if (sessions != null)
            {
                foreach (var session in sessions)
                {
                    if (session == null) continue;
                    CurrentSession = session;
                    Action<DeviceSession, DeviceWork> work;
                    try { work = PrepareDevice(session.Hostname ?? session.ComputerName); }
                    finally { CurrentSession = null; }
                    if (work != null) Submit(new DeviceJob { Session = session, Target = session.ComputerName, Work = work });
                }
            }
            else
            {
                DeviceConnectionOptions options;
                // A bad row (an unknown CredentialName, say) fails alone: a non-terminating error, the other rows go on.
                try { options = BuildOptions(); }
                catch (SsmOnPremException ex)
                {
                    WriteSsmError(ex, ComputerName);
                    RunPendingOutputs();
                    return;
                }
                if (options.HostKeyPolicy == EngineHostKeyPolicy.None && string.IsNullOrEmpty(options.HostKeyFingerprint))
                    WriteWarning($"Host key verification is OFF for {options.ComputerName}:{options.Port} (-HostKeyPolicy None): anyone on the path can impersonate the device and read the credentials. Use it only in a lab.");
                if (options.JumpHost != null && options.JumpHost.HostKeyPolicy == EngineHostKeyPolicy.None && string.IsNullOrEmpty(options.JumpHost.HostKeyFingerprint))
                    WriteWarning($"Host key verification is OFF for the jump host {options.JumpHost} (-JumpHostKeyPolicy None): anyone on the path can impersonate the bastion and read its credentials. Use it only in a lab.");
                var work = PrepareDevice(options.ComputerName);
                if (work != null) Submit(new DeviceJob { Options = options, Target = options.ComputerName, Work = work });
            }
            RunPendingOutputs();
        }

        protected override void EndProcessing()
        {
            if (CollectDevicesFirst && _collected.Count > 0)
            {
                if (!BeforeRun(_collected.Count)) return;
                foreach (var job in _collected) SubmitNow(job);
                _collected.Clear();
            }
            if (_pool == null) { _jumpHosts?.Dispose(); return; }
            _pool.CompleteAdding();
            try
            {
                while (Volatile.Read(ref _outstanding) > 0) _outputs.Take(CancellationToken)();
                RunPendingOutputs();
                if (_submitted > 1) WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name, "done") { RecordType = ProgressRecordType.Completed });
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the token already reached every worker; their sessions close as they notice.
            }
            finally
            {
                // The pool lets go of its bastion connections; sessions still open (New-SsmDeviceSession) keep theirs.
                _jumpHosts?.Dispose();
            }
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _pool?.Cancel();
            _jumpHosts?.Dispose();
        }

        // How long disposal waits for cancelled devices to close their sessions (each notices within a read, <1 s).
        private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(15);

        /// <summary>
        /// Called by PowerShell when the pipeline ends, also after a terminating error: devices still running are
        /// cancelled and waited for (their sessions closed, what they finished already journalled), so nothing runs on
        /// after the command returned and derived cmdlets can then close their files.
        /// </summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (!disposing || _pool == null) return;
            if (Volatile.Read(ref _outstanding) > 0) _pool.CancelAndWait(DrainTimeout);
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
                JumpHosts = string.IsNullOrWhiteSpace(JumpHost) ? null : (_jumpHosts ?? (_jumpHosts = new SsmOnPrem.Client.Devices.Ssh.JumpHostPool())),
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

        private void Submit(DeviceJob job)
        {
            if (CollectDevicesFirst) { _collected.Add(job); return; }
            if (_submitted == 0 && !BeforeRun(0)) return;
            SubmitNow(job);
        }

        private void SubmitNow(DeviceJob job)
        {
            if (_pool == null) _pool = new DeviceWorkerPool<DeviceJob, bool>(Throttle, RunJob, CancellationToken);
            Interlocked.Increment(ref _outstanding);
            _submitted++;
            _pool.Add(job);
        }

        private const int ProgressId = 0x55D;

        // Pipeline thread, after each device: done / failed / remaining for fleets.
        private void DeviceFinished(bool failed)
        {
            // The pool keeps each finished job until it is taken; a job still reaches its closed session (and all of
            // SSH.NET's buffers) through its options and opener, so an untaken fleet grew by ~0.25 MB per device.
            foreach (var _ in _pool.TakeCompleted()) { }
            Interlocked.Decrement(ref _outstanding);
            _finished++;
            if (failed) _failed++;
            if (_submitted < 2) return;
            var remaining = Math.Max(0, _submitted - _finished);
            WriteProgress(new ProgressRecord(ProgressId, MyInvocation.MyCommand.Name,
                $"{_finished} of {_submitted} devices done, {_failed} failed, {remaining} remaining")
            { PercentComplete = Math.Min(100, 100 * _finished / _submitted) });
        }

        private void RunPendingOutputs()
        {
            while (_outputs.TryTake(out var action)) action();
        }

        // Worker thread.
        private bool RunJob(DeviceJob job, CancellationToken cancellationToken)
        {
            var work = new DeviceWork(this, job.Target, cancellationToken);
            var session = job.Session;
            var owned = false;
            var failed = true;
            try
            {
                if (session == null)
                {
                    job.Options.Verbose = work.WriteVerbose;
                    job.Options.Warning = work.WriteWarning;
                    if (WorkOpensSession)
                    {
                        work.Options = job.Options;
                        work.Opener = ct =>
                        {
                            session = DeviceSession.Open(job.Options, ct);
                            owned = !KeepsSessionOpen;
                            return session;
                        };
                    }
                    else
                    {
                        session = DeviceSession.Open(job.Options, cancellationToken);
                        owned = !KeepsSessionOpen;
                    }
                }
                job.Work(session, work);
                failed = work.ErrorsWritten > 0;
            }
            catch (SsmOnPremException ex)
            {
                work.WriteError(ex);
            }
            catch (OperationCanceledException)
            {
                // Stopping: nothing to report.
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                work.WriteError(new SsmOnPremException("DeviceOperationFailed", SsmErrorKind.NotSpecified,
                    $"Unexpected failure on {job.Target}: {session?.Mask(ex.Message) ?? ex.Message}", "Run again with -Verbose and report the error if it persists.", ex));
            }
            finally
            {
                if (owned) session.Close();
                // Nothing of a finished device needs its session any more, but its options and work object may still
                // be referenced for a while (a gcdump mid-run at -ThrottleLimit 64: 128 live SSH sessions without this, 64 with).
                work.Opener = null;
                if (job.Options != null) { job.Options.Verbose = null; job.Options.Warning = null; }
                _outputs.Add(() => DeviceFinished(failed));
            }
            return true;
        }

        internal void Post(Action action) => _outputs.Add(action);
        private sealed class DeviceJob
        {
            public DeviceSession Session;
            public DeviceConnectionOptions Options;
            public string Target;
            public Action<DeviceSession, DeviceWork> Work;
        }
    }

    /// <summary>What a device job may do from its worker thread; everything is replayed on the pipeline thread.</summary>
    public sealed class DeviceWork
    {
        private readonly DeviceConnectionCmdlet _cmdlet;

        internal DeviceWork(DeviceConnectionCmdlet cmdlet, string target, CancellationToken cancellationToken)
        {
            _cmdlet = cmdlet;
            Target = target;
            CancellationToken = cancellationToken;
        }

        public string Target { get; }
        public CancellationToken CancellationToken { get; }

        /// <summary>Connection options of a device given by parameters (null for -Session).</summary>
        public DeviceConnectionOptions Options { get; internal set; }

        internal Func<CancellationToken, DeviceSession> Opener { get; set; }

        /// <summary>Opens the session (WorkOpensSession cmdlets); the base closes it when the work ends.</summary>
        public DeviceSession OpenSession(CancellationToken cancellationToken) =>
            (Opener ?? throw new InvalidOperationException("This device came with a session.")).Invoke(cancellationToken);

        /// <summary>Runs a function on the pipeline thread (ShouldProcess with the exact lines, for instance) and waits for its answer.</summary>
        public T OnPipelineThread<T>(Func<T> function)
        {
            var answered = new ManualResetEventSlim(false);
            var value = default(T);
            Exception error = null;
            _cmdlet.Post(() =>
            {
                try { value = function(); }
                catch (Exception ex) { error = ex; }
                finally { answered.Set(); }
            });
            answered.Wait(CancellationToken);
            if (error != null) throw error;
            return value;
        }

        public void WriteObject(object value) => _cmdlet.Post(() => _cmdlet.WriteObject(value));

        /// <summary>Runs an action on the pipeline thread (e.g. to register a session in the runspace).</summary>
        public void OnPipelineThread(Action action) => _cmdlet.Post(action);

        // Text that may quote a device or server: escape sequences and C0/C1 controls never reach the console.
        public void WriteVerbose(string message) => _cmdlet.Post(() => _cmdlet.WriteVerbose(ConsoleText.Clean(message)));

        public void WriteWarning(string message) => _cmdlet.Post(() => _cmdlet.WriteWarningNonBlocking(ConsoleText.Clean(message)));

        public void WriteError(SsmOnPremException ex)
        {
            Interlocked.Increment(ref _errors);
            _cmdlet.Post(() => _cmdlet.WriteError(ErrorRecords.From(ex, ex.Target ?? Target)));
        }

        private int _errors;

        /// <summary>Non-terminating errors this device's job wrote (a device with any counts as failed in the progress).</summary>
        public int ErrorsWritten => Volatile.Read(ref _errors);
    }
}
