using System;
using System.Collections.Generic;

namespace SsmOnPrem.Lab.Devices
{
    public enum RegistrationState { Unregistered, InProgress, Registered, Failed }

    /// <summary>What the device's Smart Licensing agent knows: kept across SSH sessions, changed by register/trust/sync.</summary>
    public sealed class LicenseState
    {
        public RegistrationState Registration { get; set; } = RegistrationState.Unregistered;
        public string SmartAccount { get; set; }
        public string VirtualAccount { get; set; }
        public bool ExportControlled { get; set; }
        public DateTimeOffset? InitialRegistration { get; set; }
        public DateTimeOffset? LastAttempt { get; set; }
        public string FailureReason { get; set; }
        public DateTimeOffset? LastRenewalAttempt { get; set; }
        public string LastRenewalResult { get; set; }
        public DateTimeOffset? RegistrationExpires { get; set; }
        public DateTimeOffset? AuthorizedOn { get; set; }
        public DateTimeOffset? AuthorizationExpires { get; set; }
        public DateTimeOffset EvalStarted { get; set; } = DateTimeOffset.UtcNow;

        // Smart Licensing Using Policy
        public DateTimeOffset? TrustCodeInstalled { get; set; }
        public DateTimeOffset? LastReportPush { get; set; }
        public DateTimeOffset? LastAckReceived { get; set; }
        public int WaitingForAck { get; set; }
        public string LastReportFailure { get; set; }
        public DateTimeOffset? LastReportAttempt { get; set; }
        public bool TrustInProgress { get; set; }
        public string TrustFailureReason { get; set; }
        public DateTimeOffset? TrustAttempt { get; set; }
        public DateTimeOffset? AccountAsOf { get; set; }
        public int ReportsTotal { get; set; }
        public int RegistrationGeneration { get; set; }
        public int AcksReceived { get; set; }
    }

    /// <summary>Fault knobs, set at lab start or through the admin channel (Set-SsmLabDevice).</summary>
    public sealed class DeviceFaults
    {
        public int LatencyMs { get; set; }
        public bool DropMidOutput { get; set; }
        public bool RefuseAuthentication { get; set; }
        public string HangCommand { get; set; }          // commands starting with this text never answer ("*" = every command)
        public long OutputFlood { get; set; }            // every command prints this many bytes of junk before its output (0 = off)
        public bool OutputFloodNoNewline { get; set; }   // ... as one line without a newline
        public string RegistrationFailure { get; set; }  // the reason the device reports instead of calling the server
        public bool RegistrationStuck { get; set; }      // stays REGISTRATION IN PROGRESS forever
        public int? RegistrationDelayMs { get; set; }    // this device's agent delay (null: the lab's --registration-delay-ms)
        public bool BlockOnPremPort { get; set; }        // ping to On-Prem answers, TCP to its port is refused (an ACL)
        public bool NoNameServer { get; set; }           // the device resolves only literals and its 'ip host' table
    }

    /// <summary>One emulated device: identity, configuration, licensing, faults, and the sessions that watch its syslog.</summary>
    public sealed class DeviceRuntime
    {
        public DeviceRuntime(DeviceProfile profile, LabContext lab)
        {
            Profile = profile; Lab = lab;
            Platform = Platforms.LabPlatform.For(profile.Kind);
            Config = DefaultConfig.Create(profile);
            Startup = Config.Clone();
        }
        /// <summary>This device's platform behaviour (prompts, factory config, saving, syslog form).</summary>
        public Platforms.LabPlatform Platform { get; }
        public LabContext Lab { get; }
        /// <summary>An IOS-XR commit: the committed configuration is also the one that survives a reload.</summary>
        public void ReplaceConfig(ConfigNode config)
        {
            lock (Sync)
            {
                Config = config;
                MarkChanged();
                if (Platform.CommitPersists) Saved();
            }
        }

        /// <summary>The saved configuration ('show startup-config'): what the device comes back with after a reload.</summary>
        public ConfigNode Startup { get; private set; }

        /// <summary>'copy running-config startup-config' / 'write memory'.</summary>
        public void SaveStartup() { lock (Sync) Saved(); }

        private void Saved()
        {
            Startup = Config.Clone();
            StartupSavedAt = DateTime.UtcNow; StartupChangedAt = ConfigChangedAt;
        }

        /// <summary>Set-SsmLabDevice -Reload: the running configuration becomes the saved one again; unsaved changes are gone.</summary>
        public void Reload() { lock (Sync) { Config = Startup.Clone(); ConfigChangedAt = StartupChangedAt; } }
        public DeviceProfile Profile { get; }
        public object Sync { get; } = new object();
        public ConfigNode Config { get; private set; } = new ConfigNode("");

        // The times a configuration's header prints. A real device keeps them; they are not the time of the show
        // (tests/fixtures/device-outputs/nxos9_show-running-config-callhome_cssm.txt: "last done at" 16:14:37, shown at
        // 16:16:28). The lab starts as if just booted and saved.
        /// <summary>When the running configuration last changed (IOS "! Last configuration change at", NX-OS "!Running configuration last done at:").</summary>
        public DateTime ConfigChangedAt { get; private set; } = DateTime.UtcNow;
        /// <summary>When the startup configuration was last written (IOS "! NVRAM config last updated at", NX-OS "!Startup config saved at:").</summary>
        public DateTime StartupSavedAt { get; private set; } = DateTime.UtcNow;
        /// <summary>The running configuration's change time as of the last save: the header the saved text carries.</summary>
        public DateTime StartupChangedAt { get; private set; } = DateTime.UtcNow;

        /// <summary>A configuration command changed the running configuration (the caller holds <see cref="Sync"/>): stamped now.</summary>
        public void MarkChanged() => ConfigChangedAt = DateTime.UtcNow;

        public LicenseState License { get; private set; } = new LicenseState();
        public DeviceFaults Faults { get; set; } = new DeviceFaults();
        public string HostKeyFingerprint { get; set; }
        private int loginCount;
        /// <summary>SSH sessions opened to this device so far (tests prove that nothing touched it).</summary>
        public int LoginCount => System.Threading.Volatile.Read(ref loginCount);
        public void CountLogin() => System.Threading.Interlocked.Increment(ref loginCount);
        private readonly List<Action<string>> monitors = new List<Action<string>>();

        public void Reset()
        {
            lock (Sync)
            {
                Config = DefaultConfig.Create(Profile); Startup = Config.Clone(); License = new LicenseState();
                ConfigChangedAt = StartupSavedAt = StartupChangedAt = DateTime.UtcNow;
                Faults = new DeviceFaults { RefuseAuthentication = Faults.RefuseAuthentication };
            }
        }

        public IDisposable Monitor(Action<string> write)
        {
            lock (monitors) monitors.Add(write);
            return new Unsubscribe(() => { lock (monitors) monitors.Remove(write); });
        }

        /// <summary>Logs a syslog message to every session with 'terminal monitor' on (and keeps it for 'show logging').</summary>
        public void Syslog(string message)
        {
            // Callers write the IOS-XE form; the platform prints its own (IOS-XR: %LICENSE-SMART_LIC-..., ASA: %ASA-6-...).
            var line = Platform.SyslogLine(Profile, message);
            lock (Sync) { Log.Add(line); if (Log.Count > 200) Log.RemoveAt(0); }
            Action<string>[] targets;
            lock (monitors) targets = monitors.ToArray();
            foreach (var t in targets) { try { t(line); } catch { } }
        }

        public List<string> Log { get; } = new List<string>();

        private sealed class Unsubscribe : IDisposable
        {
            private Action action;
            public Unsubscribe(Action action) { this.action = action; }
            public void Dispose() { action?.Invoke(); action = null; }
        }
    }
}
