using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.Cli;
using SsmOnPrem.Client.Devices.HostKeys;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Devices.Ssh;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>
    /// A logged-in CLI session on one device: prompt found,
    /// enabled when a secret was given, paging off, platform identified. One command runs at a time; other callers wait.
    /// All calls block the calling thread until the device answers, the timeout passes or the token is cancelled; fan-out
    /// runs sessions on dedicated threads (DeviceWorkerPool), never on the thread pool.
    /// </summary>
    public sealed class DeviceSession : IDisposable
    {
        private static int s_lastId;
        private readonly SemaphoreSlim _busy = new SemaphoreSlim(1, 1);
        private readonly SecretMasker _masker;
        private readonly SessionLog _log;
        private readonly DeviceConnectionOptions _options;
        private readonly IShellChannel _channel;
        private readonly IDisposable _client;
        private readonly CliDriver _driver;
        private readonly List<SyslogMessage> _loginSyslog = new List<SyslogMessage>();

        private DeviceSession(DeviceConnectionOptions options, SecretMasker masker, SessionLog log, IShellChannel channel, IDisposable client)
        {
            Id = Interlocked.Increment(ref s_lastId);
            _options = options;
            _masker = masker;
            _log = log;
            _channel = channel;
            _client = client;
            _driver = new CliDriver(channel, masker, log, options.OutputLimits);
            PlatformDriver = GenericDriver.Instance;
        }

        public int Id { get; }
        public string ComputerName => _options.ComputerName;
        public int Port => _options.Port;
        public string UserName => _options.Credential?.UserName;
        public string Hostname => Identity?.Hostname ?? _driver.Prompt?.Hostname;
        public DevicePlatform Platform => PlatformDriver.Platform;
        public string Release => Identity?.Release;
        public LicensingMode LicensingMode => Identity?.LicensingMode ?? LicensingMode.Unknown;
        public DeviceIdentity Identity { get; private set; }
        /// <summary>Everything platform-specific about this device (docs/ARCHITECTURE.md); the generic driver until identified.</summary>
        public PlatformDriver PlatformDriver { get; private set; }
        public string Prompt => _driver.Prompt?.Text;
        public bool IsPrivileged => _driver.Prompt?.IsPrivileged == true;
        public DeviceSessionState State { get; private set; } = DeviceSessionState.Open;
        public DateTimeOffset OpenedAt { get; } = DateTimeOffset.Now;
        public TimeSpan ConnectDuration { get; private set; }
        public string HostKeyFingerprint { get; private set; }
        public string HostKeyType { get; private set; }
        public HostKeyPolicy HostKeyPolicy => _options.HostKeyPolicy;

        /// <summary>The negotiated key exchange, host key signature, cipher and MAC ("&lt;implicit&gt;" with AEAD ciphers).</summary>
        public string KeyExchange { get; private set; }
        public string HostKeyAlgorithm { get; private set; }
        public string Cipher { get; private set; }
        public string Mac { get; private set; }
        public SshAlgorithmPolicy SshAlgorithmPolicy => _options.SshAlgorithmPolicy;

        /// <summary>Interval of SSH keepalives on this session (zero: none).</summary>
        public TimeSpan KeepAliveInterval => _options.KeepAliveInterval;

        /// <summary>The bastion the session goes through ("host" or "host:port"), or null when direct.</summary>
        public string JumpHost => _options.JumpHost?.ToString();
        public string TranscriptPath => _options.TranscriptPath;

        /// <summary>Syslog messages printed before the first command (login, paging set-up).</summary>
        public IReadOnlyList<SyslogMessage> LoginSyslog => _loginSyslog;

        /// <summary>Masks this value (a token about to be sent) in everything the session writes from now on.</summary>
        public void AddSecret(string secret) => _masker.Add(secret);

        /// <summary>
        /// Sends the session's verbose messages (the lines it sends, prompts, answers) to <paramref name="verbose"/>, or
        /// nowhere: a session kept by New-SsmDeviceSession is used later by other commands, each with its own stream.
        /// </summary>
        internal void RouteVerbose(Action<string> verbose) => _log.RouteVerbose(verbose);

        /// <summary>Applies the session's masking to text produced elsewhere (workflow messages).</summary>
        public string Mask(string text) => _masker.Apply(text);

        public override string ToString() => $"{Hostname ?? ComputerName} ({ComputerName}:{Port}, {Platform} {Release})";

        /// <summary>Connects, logs in, finds the prompt, enables, turns paging off and identifies the platform.</summary>
        public static DeviceSession Open(DeviceConnectionOptions options, CancellationToken cancellationToken = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (!CliArgument.IsHostname(options.ComputerName))
                throw new SsmOnPremException(DeviceErrorIds.InvalidComputerName, SsmErrorKind.InvalidArgument,
                    $"'{options.ComputerName}' is not a host name or IP address.", "Give the device's DNS name or IP address in -ComputerName.");
            if (options.Port < 1 || options.Port > 65535)
                throw new SsmOnPremException(DeviceErrorIds.InvalidComputerName, SsmErrorKind.InvalidArgument, $"Port {options.Port} is not between 1 and 65535.", "Give a valid -Port.");
            if (options.EnableCredential != null) CliArgument.Secret(options.EnableCredential.Password, "enable secret");
            // An empty password is a broken credential (a CSV column or vault lookup that came back empty), not a login to try.
            // With -KeyFilePath the password is the key's passphrase, and empty means none.
            if (options.Credential != null && string.IsNullOrEmpty(options.KeyFilePath) && string.IsNullOrEmpty(options.Credential.Password))
                throw new SsmOnPremException(DeviceErrorIds.EmptyPassword, SsmErrorKind.InvalidArgument,
                    $"The credential for {options.ComputerName} has an empty password; nothing was sent.",
                    "Give -Credential (or the -CredentialMap entry) a password, or log in with a key (-KeyFilePath).");
            if (options.EnableCredential != null && string.IsNullOrEmpty(options.EnableCredential.Password))
                throw new SsmOnPremException(DeviceErrorIds.EmptyPassword, SsmErrorKind.InvalidArgument,
                    $"The enable secret for {options.ComputerName} is empty; nothing was sent.",
                    "Give -EnableCredential a password, or leave -EnableCredential out to stay in user EXEC.");

            options = options.Clone();
            var clock = Stopwatch.StartNew();
            var masker = new SecretMasker();
            masker.Add(options.Credential?.Password);
            masker.Add(options.EnableCredential?.Password);
            var log = new SessionLog(masker, options.Verbose, $"{options.ComputerName}:{options.Port}", options.TranscriptPath, options.Warning);
            SshConnector.Connection connection = null;
            DeviceSession session = null;
            try
            {
                connection = SshConnector.Connect(options, log.Verbose, cancellationToken);
                session = new DeviceSession(options, masker, log, new SshShellChannel(connection.Shell), connection)
                {
                    HostKeyFingerprint = connection.Verifier.Fingerprint,
                    HostKeyType = connection.Verifier.KeyType,
                    KeyExchange = connection.Algorithms?.KeyExchange,
                    HostKeyAlgorithm = connection.Algorithms?.HostKeyAlgorithm,
                    Cipher = connection.Algorithms?.Cipher,
                    Mac = connection.Algorithms?.Mac,
                };
                var weak = connection.Algorithms?.Weaknesses;
                if (weak != null && weak.Count > 0)
                    options.Warning?.Invoke($"{options.ComputerName}:{options.Port} negotiated weak SSH algorithms: {string.Join(", ", weak)}. The device offers nothing stronger that this client accepts; update its SSH configuration (see docs/ssh-reach.md).");
                session.SetUp(options.ConnectTimeout - clock.Elapsed, cancellationToken);
                session.ConnectDuration = clock.Elapsed;
                log.Verbose($"Ready: {session} prompt '{session.Prompt}' in {clock.ElapsedMilliseconds} ms.");
                return session;
            }
            catch
            {
                if (session != null) session.Abandon(DeviceSessionState.Broken);
                else
                {
                    try { connection?.Dispose(); } catch (Exception) { }
                    log.Dispose();
                }
                throw;
            }
        }

        /// <summary>For tests: a session over any shell channel (no SSH).</summary>
        internal static DeviceSession OpenOver(IShellChannel channel, DeviceConnectionOptions options, CancellationToken cancellationToken = default)
        {
            options = options.Clone();
            var masker = new SecretMasker();
            masker.Add(options.Credential?.Password);
            masker.Add(options.EnableCredential?.Password);
            var log = new SessionLog(masker, options.Verbose, $"{options.ComputerName}:{options.Port}", options.TranscriptPath, options.Warning);
            var session = new DeviceSession(options, masker, log, channel, null);
            try
            {
                session.SetUp(options.ConnectTimeout, cancellationToken);
                return session;
            }
            catch
            {
                session.Abandon(DeviceSessionState.Broken);
                throw;
            }
        }

        private void SetUp(TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (timeout < TimeSpan.FromSeconds(1)) timeout = TimeSpan.FromSeconds(1);
            _loginSyslog.AddRange(_driver.FindPrompt(timeout, cancellationToken));
            _log.Verbose($"Prompt '{_driver.Prompt.Text}'.");

            if (!_driver.Prompt.IsPrivileged && _options.EnableCredential != null) Enable(cancellationToken);

            if (_options.Platform != DevicePlatform.Unknown) PlatformDriver = PlatformDriver.For(_options.Platform);
            if (_options.DisablePaging) DisablePaging(cancellationToken);
            if (_options.DetectPlatform && _options.Platform == DevicePlatform.Unknown) Identify(cancellationToken);
        }

        private void Enable(CancellationToken cancellationToken)
        {
            var secret = _options.EnableCredential.Password ?? string.Empty;
            var password = new PromptResponder("password", PromptResponder.Password,
                // The secret once; if asked again it was wrong: answer empty lines until the device gives up.
                count => count == 0 ? secret : string.Empty, answerIsSecret: true);
            _log.Verbose("Entering privileged EXEC mode (enable).");
            var exchange = _driver.Run("enable", _options.CommandTimeout, cancellationToken, new[] { password });
            _loginSyslog.AddRange(exchange.Syslog);
            var asked = exchange.QuestionsAsked.Count(q => q == "password");
            if (exchange.FinalPrompt.IsPrivileged && asked <= 1) return;

            var output = string.Join("\n", exchange.OutputLines);
            if (asked > 1 || output.IndexOf("Bad secret", StringComparison.OrdinalIgnoreCase) >= 0 ||
                output.IndexOf("Access denied", StringComparison.OrdinalIgnoreCase) >= 0 ||
                output.IndexOf("Invalid password", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new DeviceException(DeviceErrorIds.EnableSecretRejected, SsmErrorKind.AuthenticationError,
                    $"{ComputerName} rejected the enable secret.", "Check the secret given with -EnableCredential.")
                { Command = "enable", DeviceOutput = output, Target = ComputerName };
            }
            throw new DeviceException(DeviceErrorIds.EnableFailed, SsmErrorKind.PermissionDenied,
                $"'enable' on {ComputerName} did not reach privileged mode: {FirstLine(output)}",
                "Check the account's privilege level and the device's enable configuration.")
            { Command = "enable", DeviceOutput = output, Target = ComputerName };
        }

        private void DisablePaging(CancellationToken cancellationToken)
        {
            // The platform may not be known yet (show version comes after, and would page): each driver's paging command in turn.
            var candidates = new[] { PlatformDriver.PagingCommand }.Concat(PlatformDriver.PagingCommands).Distinct(StringComparer.Ordinal).ToList();
            var accepted = false;
            foreach (var paging in candidates)
            {
                if (InvokeCore(paging, null, cancellationToken, throwOnCliError: false).ErrorId == null) { accepted = true; break; }
            }
            if (!accepted) _log.Verbose($"The device accepts none of '{string.Join("', '", candidates)}'; '--More--' will be answered.");
            var width = InvokeCore(PlatformDriver.WidthCommand, null, cancellationToken, throwOnCliError: false);
            if (width.ErrorId != null) _log.Verbose($"'{PlatformDriver.WidthCommand}' refused; long lines may wrap.");
        }

        /// <summary>Runs 'show version' and picks the platform profile and identity from it.</summary>
        public DeviceIdentity Identify(CancellationToken cancellationToken = default)
        {
            var version = Invoke("show version", null, cancellationToken);
            var driver = PlatformDriver.Detect(version.Output);
            PlatformDriver = driver;
            Identity = driver.ReadIdentity(version.Output, _driver.Prompt?.Hostname);
            _log.Verbose($"Platform {Identity.Platform} {Identity.Release} ({Identity.LicensingMode}), model {Identity.Model}, serial {Identity.SerialNumber}.");
            return Identity;
        }

        /// <summary>
        /// Runs one CLI line (validated first) and returns its output. CLI errors throw <see cref="DeviceCliException"/>
        /// unless <see cref="DeviceCommandOptions.ThrowOnCliError"/> is false. A timeout tries to get the prompt back
        /// and closes the session if it cannot; a cancellation closes the session.
        /// </summary>
        public DeviceCommandResult Invoke(string command, DeviceCommandOptions options = null, CancellationToken cancellationToken = default)
        {
            CliArgument.CommandLine(command);
            if (options?.Secrets != null) foreach (var s in options.Secrets) _masker.Add(s);
            foreach (var s in CommandSecrets.In(command)) _masker.Add(s);
            return InvokeCore(command, options, cancellationToken, options?.ThrowOnCliError ?? true);
        }

        /// <summary>
        /// Enters configuration mode, sends the lines, commits where the platform needs it (IOS-XR) and leaves.
        /// On the first refused line the rest is not sent, uncommitted changes are aborted, and the error is raised.
        /// </summary>
        public IReadOnlyList<DeviceCommandResult> Configure(IEnumerable<string> lines, DeviceCommandOptions options = null, CancellationToken cancellationToken = default)
        {
            var list = (lines ?? throw new ArgumentNullException(nameof(lines))).ToList();
            foreach (var line in list) CliArgument.CommandLine(line, "configuration line");
            if (options?.Secrets != null) foreach (var s in options.Secrets) _masker.Add(s);
            foreach (var s in list.SelectMany(CommandSecrets.In)) _masker.Add(s);
            RequirePrivileged("configuration mode");

            var results = new List<DeviceCommandResult>();
            var framed = PlatformDriver.Framed(list);
            var entered = false;
            try
            {
                // framed[0] enters configuration mode, the last line leaves it (the driver's framing, written once).
                for (var i = 0; i < framed.Count; i++)
                {
                    results.Add(InvokeCore(framed[i], options, cancellationToken, true));
                    entered = i < framed.Count - 1;
                }
                return results;
            }
            finally
            {
                if (entered && State == DeviceSessionState.Open && _driver.Prompt?.IsConfigMode == true)
                {
                    // Leave config mode whatever happened; on IOS-XR 'abort' also throws the uncommitted changes away.
                    try { InvokeCore(PlatformDriver.AbortConfigCommand, null, CancellationToken.None, false); }
                    catch (SsmOnPremException) { /* the original error matters more */ }
                }
            }
        }

        /// <summary>
        /// Copies the running configuration to the startup configuration the platform's way (the driver's
        /// <see cref="PlatformDriver.SaveCommand"/>), answering only the copy questions known to be safe.
        /// Returns null when the platform needs no save (IOS-XR: the commit persisted it).
        /// </summary>
        public DeviceCommandResult SaveConfiguration(CancellationToken cancellationToken = default)
        {
            var command = PlatformDriver.SaveCommand;
            if (command == null) return null;
            RequirePrivileged("Saving the configuration");
            return InvokeCore(command, new DeviceCommandOptions { ThrowOnCliError = false }, cancellationToken, false);
        }

        public void RequirePrivileged(string forWhat)
        {
            if (IsPrivileged) return;
            throw new DeviceException(DeviceErrorIds.PrivilegedModeRequired, SsmErrorKind.PermissionDenied,
                $"{forWhat} needs privileged EXEC mode ('#'), but {ComputerName} is at '{Prompt}'.",
                "Give the enable secret with -EnableCredential, or log in with an account of privilege 15.") { Target = ComputerName };
        }

        private DeviceCommandResult InvokeCore(string command, DeviceCommandOptions options, CancellationToken cancellationToken, bool throwOnCliError)
        {
            if (State != DeviceSessionState.Open)
                throw new DeviceException(DeviceErrorIds.SessionClosed, SsmErrorKind.InvalidOperation,
                    $"The session to {ComputerName} is {State.ToString().ToLowerInvariant()}.", "Open a new session with New-SsmDeviceSession.") { Target = ComputerName };
            var timeout = options?.Timeout ?? _options.CommandTimeout;
            if (!_busy.Wait(timeout, cancellationToken))
                throw new DeviceException(DeviceErrorIds.SessionBusy, SsmErrorKind.ResourceUnavailable,
                    $"The session to {ComputerName} was busy with another command for {timeout.TotalSeconds:0.#} s.", "Use one session per thread, or a longer -TimeoutSec.");
            try
            {
                var clock = Stopwatch.StartNew();
                var masked = _masker.Apply(command);
                _log.Verbose($"> {masked}");
                var answers = options?.Answers ?? Array.Empty<PromptResponder>();
                // Any 'copy' (the save step's, or Invoke-SsmDeviceCommand 'copy run start') may ask for the file names it
                // already has; unanswered, it would wait out the whole command timeout.
                if (answers.Count == 0 && command.StartsWith("copy ", StringComparison.OrdinalIgnoreCase)) answers = PromptResponder.CopyDefaults();
                var responders = answers.Concat(ConfirmationResponders(options?.AllowConfirmation == true)).ToList();
                if (options?.AnswerWhen != null)
                    responders.Add(new PromptResponder(AnswerResponder, options.AnswerWhen, n => n == 0 ? options.AnswerLine ?? string.Empty : null, matchesCompletedLine: true));
                CliExchange exchange;
                try
                {
                    exchange = _driver.Run(command, timeout, cancellationToken, responders,
                        promptMayChange: command.StartsWith("hostname ", StringComparison.Ordinal));
                }
                catch (DeviceException ex) when (ex.ErrorId == DeviceErrorIds.CommandTimeout)
                {
                    // A short, bounded attempt: a quarter of the command timeout, at most RecoveryTimeout.
                    var budget = TimeSpan.FromTicks(Math.Min(_options.RecoveryTimeout.Ticks, Math.Max(TimeSpan.FromMilliseconds(300).Ticks, timeout.Ticks / 4)));
                    var recovered = _driver.TryRecoverPrompt(budget, cancellationToken);
                    _log.Verbose(recovered ? "Prompt recovered after the timeout." : "No prompt after the timeout: closing the session.");
                    if (!recovered) Abandon(DeviceSessionState.Broken);
                    throw new DeviceException(ex.ErrorId, ex.Kind,
                        ex.Message + (recovered ? " The command was interrupted; the session is usable." : " The prompt did not come back: the session was closed."),
                        ex.RecommendedAction, ex) { Command = ex.Command, DeviceOutput = ex.DeviceOutput, Target = ComputerName };
                }
                catch (OperationCanceledException)
                {
                    Abandon(DeviceSessionState.Broken);
                    throw;
                }
                catch (DeviceException ex) when (ex.ErrorId == DeviceErrorIds.ConnectionLost || ex.ErrorId == DeviceErrorIds.OutputTooLarge)
                {
                    Abandon(DeviceSessionState.Broken);
                    ex.Target = ComputerName;
                    throw;
                }

                var output = string.Join("\n", exchange.OutputLines);
                var result = new DeviceCommandResult
                {
                    ComputerName = ComputerName,
                    Hostname = Hostname,
                    Command = masked,
                    Output = output,
                    Syslog = exchange.Syslog.ToArray(),
                    Duration = clock.Elapsed,
                    Prompt = exchange.FinalPrompt.Text,
                    Configuration = exchange.FinalPrompt.IsConfigMode,
                    Answered = exchange.QuestionsAsked.ToArray(),
                    Pages = exchange.PagesAnswered,
                };

                var errorId = CliErrorDetector.Detect(exchange.OutputLines, out var errorLine);
                if (errorId == null && exchange.QuestionsAsked.Any(q => q != AnswerResponder && answers.All(a => a.Name != q)) && options?.AllowConfirmation != true)
                {
                    errorId = DeviceErrorIds.ConfirmationRequired;
                    errorLine = $"the device asked for confirmation ({string.Join(", ", exchange.QuestionsAsked)}) and it was answered no";
                }
                if (errorId != null)
                {
                    result.ErrorId = errorId;
                    if (throwOnCliError)
                    {
                        if (errorId == DeviceErrorIds.ConfirmationRequired)
                            throw new DeviceException(errorId, SsmErrorKind.InvalidOperation,
                                $"'{masked}' on {ComputerName} asked for confirmation and was cancelled (confirmation not allowed).",
                                "If the command is meant to run, allow the device's question explicitly: -Force on Invoke-SsmDeviceCommand (AllowConfirmation in the engine).")
                            { Command = masked, DeviceOutput = output, Target = ComputerName };
                        throw new DeviceCliException(errorId, masked, errorLine, output) { Target = ComputerName };
                    }
                }
                return result;
            }
            finally
            {
                _busy.Release();
            }
        }

        // The caller's own answer (DeviceCommandOptions.AnswerWhen): asked for, so not a refused confirmation.
        private const string AnswerResponder = "answer";

        private static IList<PromptResponder> ConfirmationResponders(bool allow) => new[]
        {
            new PromptResponder("confirm", PromptResponder.Confirm, _ => allow ? string.Empty : "n"),
            new PromptResponder("yes/no", PromptResponder.YesNo, _ => allow ? "yes" : "no"),
            new PromptResponder("y/n", PromptResponder.YN, _ => allow ? "y" : "n"),
        };

        private static string FirstLine(string text)
        {
            var line = (text ?? string.Empty).Split('\n').FirstOrDefault(l => l.Trim().Length > 0);
            return line?.Trim() ?? "(no output)";
        }

        /// <summary>Closes the session (sends nothing more; the device sees the SSH channel close).</summary>
        public void Close() => Abandon(DeviceSessionState.Closed);

        public void Dispose() => Close();

        private void Abandon(DeviceSessionState state)
        {
            if (State != DeviceSessionState.Open) return;
            State = state;
            try { _channel.Dispose(); } catch (Exception) { }
            try { _client?.Dispose(); } catch (Exception) { }
            _log.Verbose(state == DeviceSessionState.Closed ? "Session closed." : "Session closed after a failure.");
            _log.Dispose();
        }
    }
}
