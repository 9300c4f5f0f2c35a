using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using Renci.SshNet;
using Renci.SshNet.Common;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.HostKeys;

namespace SsmOnPrem.Client.Devices.Ssh
{
    /// <summary>
    /// Opens the SSH connection (host key check, password / keyboard-interactive / private-key login) and a pty shell.
    /// Every SSH.NET failure becomes a <see cref="DeviceException"/> or <see cref="HostKeyException"/> with a stable ErrorId.
    /// Connect blocks the calling thread (SSH.NET's Connect does); a deadline or a cancellation disposes the client,
    /// which aborts it at once.
    /// </summary>
    internal static class SshConnector
    {
        public const uint TerminalColumns = 511;
        public const uint TerminalRows = 24;
        // SSH.NET allocates the shell's read and write buffers at this size up front; it is not a limit (the read
        // buffer doubles when output arrives faster than it is read). 64 KB each was 128 KB per session: 8 MB held
        // at concurrency 64 and 128 MB allocated per 1,000 devices, for lines of a few hundred bytes (#20).
        public const int ShellBufferBytes = 4096;

        public sealed class Connection : IDisposable
        {
            public SshClient Client;
            public ShellStream Shell;
            public HostKeyVerifier Verifier;
            public NegotiatedAlgorithms Algorithms;
            /// <summary>The channel through the bastion (null when direct): closed after the client.</summary>
            public IDisposable Forward;

            public void Dispose()
            {
                try { Client?.Dispose(); } catch (Exception) { }
                try { Forward?.Dispose(); } catch (Exception) { }
            }
        }

        public static Connection Connect(DeviceConnectionOptions options, Action<string> verbose, CancellationToken cancellationToken)
        {
            var host = options.ComputerName;
            var where = $"{host}:{options.Port}";
            var verifier = new HostKeyVerifier(host, options.Port, options.HostKeyPolicy, options.KnownHostsPath, options.HostKeyFingerprint)
            {
                WriteNewKeys = !options.DoNotWriteKnownHosts,
            };
            var user = options.Credential?.UserName;
            if (string.IsNullOrEmpty(user))
                throw new DeviceException(DeviceErrorIds.AuthenticationFailed, SsmErrorKind.InvalidArgument, $"No user name to log in to {where}.",
                    "Give -Credential (user name and password, or the key passphrase with -KeyFilePath).");

            var methods = AuthenticationMethods(options, user);
            JumpHostForward forward = null;
            JumpHostPool ownPool = null;
            if (options.JumpHost != null)
            {
                // Without a run's pool the session has a bastion connection of its own (closed with the session).
                var pool = options.JumpHosts ?? (ownPool = new JumpHostPool());
                try { forward = pool.Forward(options, verbose, cancellationToken); }
                finally { ownPool?.Dispose(); }
            }
            var info = new ConnectionInfo(forward?.LocalHost ?? host, forward?.LocalPort ?? options.Port, user, methods) { Timeout = options.ConnectTimeout };
            SshAlgorithms.Apply(info, options.SshAlgorithmPolicy);
            PreferKnownHostKeyTypes(info, verifier, host, options.Port);

            var client = new SshClient(info);
            client.HostKeyReceived += (s, e) => e.CanTrust = verifier.Verify(e.HostKey);
            if (options.KeepAliveInterval > TimeSpan.Zero) client.KeepAliveInterval = options.KeepAliveInterval;
            var connection = new Connection { Client = client, Verifier = verifier, Forward = forward };

            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(options.ConnectTimeout);
                using (deadline.Token.Register(() => { try { client.Dispose(); } catch (Exception) { } }))
                {
                    try
                    {
                        var via = forward != null ? $" through the jump host {options.JumpHost}" : string.Empty;
                        verbose?.Invoke($"Connecting to {where}{via} as '{user}' ({(options.KeyFilePath != null ? "private key" : "password")}, host key policy {options.HostKeyPolicy}, algorithm policy {options.SshAlgorithmPolicy}).");
                        client.Connect();
                        connection.Algorithms = NegotiatedAlgorithms.From(info);
                        verbose?.Invoke($"SSH {where}: {connection.Algorithms}.");
                        connection.Shell = client.CreateShellStream("vt100", TerminalColumns, TerminalRows, 0, 0, ShellBufferBytes);
                        if (verifier.AddedToKnownHosts)
                            verbose?.Invoke($"Added {verifier.KeyType} {verifier.Fingerprint} for {where} to '{verifier.KnownHosts.Path}'.");
                        return connection;
                    }
                    catch (Exception ex) when (!(ex is SsmOnPremException))
                    {
                        connection.Dispose();
                        cancellationToken.ThrowIfCancellationRequested();
                        if (verifier.Failure != null) throw verifier.Failure;
                        if (deadline.IsCancellationRequested || ex is SshOperationTimeoutException)
                            throw new DeviceException(DeviceErrorIds.ConnectTimeout, SsmErrorKind.OperationTimeout,
                                $"Could not connect and log in to {where} within {options.ConnectTimeout.TotalSeconds:0.#} s.",
                                "Check that the device is reachable on that port (firewall, ACL on the vty lines) and raise -TimeoutSec for slow links.", ex) { Target = where };
                        var refused = SshAlgorithms.Refused(ex, where, options.SshAlgorithmPolicy, info);
                        if (refused != null) throw refused;
                        if (forward != null && verifier.Fingerprint == null && !(ex is SshAuthenticationException))
                            throw new DeviceException(DeviceErrorIds.Unreachable, SsmErrorKind.ConnectionError,
                                $"The jump host {options.JumpHost} could not open a connection to {where}: {forward.ChannelFailure?.Message ?? ex.Message}",
                                "Check that the bastion may reach the device (its firewall, AllowTcpForwarding/PermitOpen on the bastion's sshd) and the device's address as the bastion resolves it.", ex) { Target = where };
                        throw Map(ex, where);
                    }
                    catch
                    {
                        connection.Dispose();
                        throw;
                    }
                }
            }
        }

        /// <summary>Password, then keyboard-interactive answering the password prompt (also used for the bastion).</summary>
        internal static AuthenticationMethod[] PasswordMethods(string user, string password)
        {
            var keyboard = new KeyboardInteractiveAuthenticationMethod(user);
            keyboard.AuthenticationPrompt += (s, e) =>
            {
                // Answer what asks for the password (or anything hidden); an echoed "Username:" gets the user name.
                foreach (var prompt in e.Prompts)
                {
                    var request = prompt.Request ?? string.Empty;
                    prompt.Response = prompt.IsEchoed && request.IndexOf("pass", StringComparison.OrdinalIgnoreCase) < 0 ? user : password;
                }
            };
            return new AuthenticationMethod[] { new PasswordAuthenticationMethod(user, password), keyboard };
        }

        private static AuthenticationMethod[] AuthenticationMethods(DeviceConnectionOptions options, string user)
        {
            var password = options.Credential?.Password ?? string.Empty;
            if (!string.IsNullOrEmpty(options.KeyFilePath))
            {
                return new AuthenticationMethod[] { new PrivateKeyAuthenticationMethod(user, LoadKey(options.KeyFilePath, password)) };
            }
            return PasswordMethods(user, password);
        }

        internal static PrivateKeyFile LoadKey(string path, string passphrase)
        {
            if (!File.Exists(path))
                throw new DeviceException(DeviceErrorIds.KeyFileNotFound, SsmErrorKind.ObjectNotFound, $"The private key file '{path}' does not exist.",
                    "Give the path of an existing private key with -KeyFilePath.");
            try
            {
                return string.IsNullOrEmpty(passphrase) ? new PrivateKeyFile(path) : new PrivateKeyFile(path, passphrase);
            }
            catch (SshPassPhraseNullOrEmptyException ex)
            {
                throw new DeviceException(DeviceErrorIds.KeyFilePassphraseRequired, SsmErrorKind.AuthenticationError,
                    $"The private key '{path}' is encrypted and no passphrase was given.",
                    "Give the passphrase as the password of -Credential (the user name is the device login).", ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new DeviceException(DeviceErrorIds.KeyFileInvalid, SsmErrorKind.InvalidArgument,
                    $"Cannot read the private key file '{path}': {ex.Message}",
                    "Check that the account running the command can read the file.", ex);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Any other failure: the key cannot be used. A wrong passphrase decrypts to random bytes, and what the
                // parser throws depends on them: a CryptographicException (bad padding) mostly, an AsnContentException
                // for about 1 wrong passphrase in 300 on a PEM key (tests/fixtures/keys/README.md); SshException,
                // FormatException, NotSupportedException and others for keys it cannot read at all.
                throw new DeviceException(DeviceErrorIds.KeyFileInvalid, SsmErrorKind.InvalidArgument,
                    $"Cannot use the private key '{path}': the passphrase is wrong or the format is not supported ({ex.GetType().Name}).",
                    "Check the passphrase (the password of -Credential); OpenSSH, PEM (PKCS#1/PKCS#8) and PuTTY keys are supported.", ex);
            }
        }

        // As OpenSSH does: ask first for the key types known_hosts holds for this host, so a host that has several keys
        // is not reported as "changed" only because another key type was negotiated.
        private static void PreferKnownHostKeyTypes(ConnectionInfo info, HostKeyVerifier verifier, string host, int port)
        {
            IReadOnlyList<string> known;
            try { known = verifier.KnownHosts.KeyTypesFor(host, port); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException) { return; }
            if (known.Count == 0) return;
            var algorithms = known.SelectMany(t => t == "ssh-rsa" ? new[] { "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" } : new[] { t }).ToList();
            var entries = info.HostKeyAlgorithms.ToList();
            var ordered = entries.Where(e => algorithms.Contains(e.Key)).OrderBy(e => algorithms.IndexOf(e.Key))
                .Concat(entries.Where(e => !algorithms.Contains(e.Key))).ToList();
            info.HostKeyAlgorithms.Clear();
            foreach (var e in ordered) info.HostKeyAlgorithms.Add(e.Key, e.Value);
        }

        private static SsmOnPremException Map(Exception ex, string where)
        {
            var socket = ex as SocketException ?? ex.InnerException as SocketException;
            if (socket != null)
            {
                switch (socket.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                        return new DeviceException(DeviceErrorIds.ConnectionRefused, SsmErrorKind.ConnectionError,
                            $"{where} refused the connection: nothing accepts SSH connections there.",
                            "Check -ComputerName and -Port, and that SSH is enabled on the device (ip ssh version 2; transport input ssh on the vty lines).", ex) { Target = where };
                    case SocketError.HostNotFound:
                    case SocketError.NoData:
                    case SocketError.TryAgain:
                        return new DeviceException(DeviceErrorIds.HostNotFound, SsmErrorKind.ObjectNotFound,
                            $"The name in {where} does not resolve.", "Check the spelling of -ComputerName or use the device's IP address.", ex) { Target = where };
                    case SocketError.TimedOut:
                        return new DeviceException(DeviceErrorIds.ConnectTimeout, SsmErrorKind.OperationTimeout,
                            $"{where} did not answer the connection attempt.", "Check routing and firewalls between here and the device.", ex) { Target = where };
                    default:
                        return new DeviceException(DeviceErrorIds.Unreachable, SsmErrorKind.ConnectionError,
                            $"Cannot reach {where}: {socket.SocketErrorCode}.", "Check routing and firewalls between here and the device.", ex) { Target = where };
                }
            }
            if (ex is SshAuthenticationException)
                return new DeviceException(DeviceErrorIds.AuthenticationFailed, SsmErrorKind.AuthenticationError,
                    $"{where} refused the login: {ex.Message}",
                    "Check the user name and password (or key) in -Credential / -KeyFilePath, and the device's AAA configuration.", ex) { Target = where };
            return new DeviceException(DeviceErrorIds.ConnectionFailed, SsmErrorKind.ConnectionError,
                $"The SSH connection to {where} failed: {ex.Message}",
                "Check that the device speaks SSH version 2 on that port and accepts this client's key exchange and ciphers.", ex) { Target = where };
        }
    }
}
