using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Devices;
using SsmOnPrem.Lab.Sshd;

namespace SsmOnPrem.Lab.Hosting
{
    /// <summary>
    /// The whole lab in one process: device state, the session server the sshd shims connect to, the sshd fleet,
    /// the On-Prem emulator, and the admin channel for fault knobs. Used by 'SsmOnPrem.Lab start' and by tests in-process.
    /// </summary>
    public sealed class LabHost : IAsyncDisposable
    {
        public static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        private readonly Dictionary<int, DeviceRuntime> byPort = new Dictionary<int, DeviceRuntime>();
        private SshdFleet fleet;
        private IAsyncDisposable onPrem;

        private LabHost(LabOptions options) { Options = options; }

        public LabOptions Options { get; }
        public SsmOnPrem.Lab.OnPrem.OnPremEmulator OnPrem { get; private set; }
        public LabContext Context { get; } = new LabContext();
        public List<DeviceRuntime> Devices { get; } = new List<DeviceRuntime>();
        public SessionServer Sessions { get; private set; }
        public LabDescription Description { get; private set; }
        /// <summary>How long each start phase took (for the capacity figures).</summary>
        public List<string> Phases { get; } = new List<string>();
        public string DescriptionPath => Path.Combine(Options.StateDirectory, "lab.json");

        public static async Task<LabHost> StartAsync(LabOptions options, CancellationToken cancel = default)
        {
            var watch = Stopwatch.StartNew();
            if (string.IsNullOrEmpty(options.StateDirectory))
                options.StateDirectory = Path.Combine(Path.GetTempPath(), "ssmonprem-lab-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(options.StateDirectory);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(options.StateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var host = new LabHost(options);
            try
            {
                await host.StartCoreAsync(cancel);
                host.Description.StartSeconds = Math.Round(watch.Elapsed.TotalSeconds, 2);
                host.WriteDescription();
                return host;
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }

        private async Task StartCoreAsync(CancellationToken cancel)
        {
            var phase = Stopwatch.StartNew();
            void Mark(string what) { Phases.Add($"{what} {phase.ElapsedMilliseconds} ms"); phase.Restart(); }
            SshdFleet.EnsurePrerequisites();
            var password = LabUser.Ensure();
            Mark("login user");
            Context.RegistrationDelayMs = Options.RegistrationDelayMs;
            var onPremInfo = await OnPremComposition.StartAsync(this, cancel);
            onPrem = onPremInfo.Handle;
            OnPrem = onPremInfo.Emulator;
            Context.OnPremBaseAddress = onPremInfo.BaseAddress;
            Context.CertificateThumbprint = onPremInfo.CertificateThumbprint;
            Context.Http = DeviceHttp.Create(onPremInfo.CertificateThumbprint);
            Context.OnPremCertificateName = Options.OnPremCertificateName;
            Mark("on-prem emulator");

            var kinds = DeviceCatalog.ExpandPlatforms(Options.Platforms);
            var random = new Random(Options.Seed);
            for (int i = 0; i < Options.DeviceCount; i++)
                Devices.Add(new DeviceRuntime(DeviceCatalog.Create(i + 1, kinds[i % kinds.Count], password, random), Context));

            Sessions = new SessionServer(FindDevice) { Admin = HandleAdminAsync };
            Sessions.Start();
            fleet = new SshdFleet(Options.StateDirectory, Sessions.Port, Sessions.Token, Options.SshProfile);
            await fleet.StartAsync(Devices, cancel);
            Mark("sshd fleet");
            if (Options.JumpHost)
            {
                await fleet.StartBastionAsync(cancel);
                Mark("bastion sshd");
            }
            lock (byPort) foreach (var d in Devices) byPort[d.Profile.Port] = d;

            Description = new LabDescription
            {
                OnPremServer = onPremInfo.BaseAddress?.ToString().TrimEnd('/'),
                DevicePort = onPremInfo.BaseAddress?.Port ?? 0,   // one listener serves the API and the devices
                OnPremCertificateName = Options.OnPremCertificateName,
                CertificateThumbprint = onPremInfo.CertificateThumbprint,
                Account = onPremInfo.Account,
                VirtualAccount = onPremInfo.VirtualAccount,
                ClientId = onPremInfo.ClientId,
                ClientSecret = onPremInfo.ClientSecret,
                StateDirectory = Options.StateDirectory,
                LabProcessId = Environment.ProcessId,
                SessionPort = Sessions.Port,
                AdminToken = Sessions.Token,
                RegistrationDelayMs = Options.RegistrationDelayMs,
                SshProfile = Options.SshProfile.ToString(),
                JumpHost = fleet.Bastion == null ? null : new JumpHostDescription
                {
                    ComputerName = "127.0.0.1",
                    Port = fleet.Bastion.Port,
                    Username = LabUser.Name,
                    Password = password,
                    HostKeyFingerprint = fleet.Bastion.HostKeyFingerprint,
                    LogPath = fleet.Bastion.LogPath,
                },
            };
            RefreshDescription();
        }

        /// <summary>The bastion sshd, or null (tests count its forwarded channels).</summary>
        public BastionSshd Bastion => fleet?.Bastion;

        private DeviceRuntime FindDevice(string address, int port)
        {
            DeviceRuntime found;
            lock (byPort) found = byPort.TryGetValue(port, out var d) && address == d.Profile.Address ? d : null;
            found?.CountLogin();
            return found;
        }

        public DeviceRuntime Device(string name) =>
            Devices.FirstOrDefault(d => d.Profile.Hostname.Equals(name, StringComparison.OrdinalIgnoreCase) || d.Profile.Port.ToString() == name);

        private void RefreshDescription()
        {
            Description.SshdProcessIds = fleet.ProcessIds.ToList();
            Description.Devices = Devices.Select(d => new DeviceDescription
            {
                Name = d.Profile.Hostname,
                ComputerName = d.Profile.Address,
                Port = d.Profile.Port,
                Platform = d.Profile.Platform,
                Release = d.Profile.Release,
                Model = d.Profile.Pid,
                SerialNumber = d.Profile.SerialNumber,
                Udi = d.Profile.Udi,
                SmartLicensingUsingPolicy = d.Profile.IsSlp,
                Username = d.Profile.Username,
                Password = d.Profile.Password,
                EnableSecret = d.Profile.EnableSecret,
                HostKeyFingerprint = d.HostKeyFingerprint,
                SshAlgorithms = SshAlgorithmSet.For(d.Profile.Kind, Options.SshProfile).Name,
                ConfigSecrets = DefaultConfig.Secrets(d.Profile).ToList(),
                LoginCount = d.LoginCount,
                BlockOnPremPort = d.Faults.BlockOnPremPort,
                NoNameServer = d.Faults.NoNameServer,
            }).ToList();
        }

        public void WriteDescription()
        {
            RefreshDescription();
            var tmp = DescriptionPath + ".tmp";
            File.WriteAllText(tmp, JsonSerializer.Serialize(Description, Json));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(tmp, DescriptionPath, overwrite: true);
        }

        // ---- admin channel (fault knobs, reset) ------------------------------------------------------------

        public async Task<string> HandleAdminAsync(string json)
        {
            var request = JsonSerializer.Deserialize<AdminRequest>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
            switch ((request.Op ?? "").ToLowerInvariant())
            {
                case "reset":
                    foreach (var d in Devices)
                    {
                        bool refused = d.Faults.RefuseAuthentication;
                        d.Reset();
                        d.Faults.RefuseAuthentication = false;
                        if (refused) await fleet.ReloadAsync(d);
                    }
                    await OnPremComposition.ResetAsync(this);
                    break;
                case "set":
                    var device = Device(request.Device) ?? throw new ArgumentException($"No lab device '{request.Device}'.");
                    var f = device.Faults;
                    if (request.LatencyMs.HasValue) f.LatencyMs = request.LatencyMs.Value;
                    if (request.DropMidOutput.HasValue) f.DropMidOutput = request.DropMidOutput.Value;
                    if (request.HangCommand != null) f.HangCommand = request.HangCommand.Length == 0 ? null : request.HangCommand;
                    if (request.OutputFlood.HasValue) f.OutputFlood = Math.Max(0, request.OutputFlood.Value);
                    if (request.OutputFloodNoNewline.HasValue) f.OutputFloodNoNewline = request.OutputFloodNoNewline.Value;
                    if (request.RegistrationFailure != null) f.RegistrationFailure = request.RegistrationFailure.Length == 0 ? null : request.RegistrationFailure;
                    if (request.RegistrationStuck.HasValue) f.RegistrationStuck = request.RegistrationStuck.Value;
                    if (request.BlockOnPremPort.HasValue) f.BlockOnPremPort = request.BlockOnPremPort.Value;
                    if (request.NoNameServer.HasValue) f.NoNameServer = request.NoNameServer.Value;
                    if (request.RegistrationDelayMs.HasValue) f.RegistrationDelayMs = request.RegistrationDelayMs.Value < 0 ? null : request.RegistrationDelayMs.Value;
                    if (request.RefuseAuthentication.HasValue && request.RefuseAuthentication.Value != f.RefuseAuthentication)
                    {
                        f.RefuseAuthentication = request.RefuseAuthentication.Value;
                        await fleet.ReloadAsync(device);
                    }
                    if (request.ChangeHostKey == true) await fleet.ChangeHostKeyAsync(device);
                    // A reload: the running configuration becomes the saved one (unsaved changes are lost); licensing state,
                    // kept by the agent in trusted storage, and open sessions stay.
                    if (request.Reload == true) device.Reload();
                    break;
                case "status":
                    break;
                default:
                    throw new ArgumentException($"Unknown admin operation '{request.Op}'.");
            }
            WriteDescription();
            return JsonSerializer.Serialize(new { ok = true, openSessions = Sessions.OpenSessions, lab = Description }, new JsonSerializerOptions { Encoder = Json.Encoder });
        }

        public async ValueTask DisposeAsync()
        {
            fleet?.Dispose();
            Sessions?.Dispose();
            if (onPrem != null) await onPrem.DisposeAsync();
        }
    }

    public sealed class AdminRequest
    {
        public string Op { get; set; }
        public string Device { get; set; }
        public int? LatencyMs { get; set; }
        public bool? DropMidOutput { get; set; }
        public bool? RefuseAuthentication { get; set; }
        public string HangCommand { get; set; }
        public long? OutputFlood { get; set; }
        public bool? OutputFloodNoNewline { get; set; }
        public string RegistrationFailure { get; set; }
        public bool? RegistrationStuck { get; set; }
        public int? RegistrationDelayMs { get; set; }
        public bool? ChangeHostKey { get; set; }
        public bool? Reload { get; set; }
        public bool? BlockOnPremPort { get; set; }
        public bool? NoNameServer { get; set; }
    }
}
