using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading;
using Renci.SshNet;
using Renci.SshNet.Common;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.HostKeys;

namespace SsmOnPrem.Client.Devices.Ssh
{
    /// <summary>
    /// The bastion connections of one run: one SSH connection per bastion (host, port, user) carries every device
    /// session as a direct-tcpip channel (SSH.NET's ForwardedPortLocal on a loopback port of its own per device).
    /// A bastion that failed (unreachable, refused login, host key) is not retried within the run: every device
    /// behind it gets the same error, and a locked-out bastion account is not hammered 50 times.
    /// The pool holds a reference to each connection; sessions hold one each; the last to let go closes it.
    /// </summary>
    public sealed class JumpHostPool : IDisposable
    {
        private readonly Dictionary<string, JumpHostConnection> _connections = new Dictionary<string, JumpHostConnection>(StringComparer.Ordinal);
        private bool _disposed;

        /// <summary>SSH connections made to bastions so far (a test proves that 50 devices needed one).</summary>
        public int ConnectionsOpened => Volatile.Read(ref _opened);
        private int _opened;

        internal JumpHostForward Forward(DeviceConnectionOptions device, Action<string> verbose, CancellationToken cancellationToken)
        {
            JumpHostConnection connection;
            lock (_connections)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(JumpHostPool));
                var key = device.JumpHost.Key;
                if (!_connections.TryGetValue(key, out connection))
                {
                    connection = new JumpHostConnection(device.JumpHost, () => Interlocked.Increment(ref _opened));
                    connection.AddReference();   // the pool's own, released by Dispose
                    _connections[key] = connection;
                }
                connection.AddReference();       // the session's, released when the forward is disposed
            }
            try { return connection.Forward(device, verbose, cancellationToken); }
            catch { connection.Release(); throw; }
        }

        public void Dispose()
        {
            List<JumpHostConnection> all;
            lock (_connections)
            {
                if (_disposed) return;
                _disposed = true;
                all = new List<JumpHostConnection>(_connections.Values);
            }
            foreach (var c in all) c.Release();
        }
    }

    /// <summary>One device's channel through the bastion: the loopback port SSH.NET forwards, until disposed.</summary>
    internal sealed class JumpHostForward : IDisposable
    {
        private readonly Action _release;
        private int _disposed;

        public JumpHostForward(string host, int port, ForwardedPortLocal forward, Action release)
        {
            LocalHost = host;
            LocalPort = port;
            Forwarded = forward;
            _release = release;
        }

        public string LocalHost { get; }
        public int LocalPort { get; }
        internal ForwardedPortLocal Forwarded { get; }

        /// <summary>Why the bastion could not open the channel (e.g. "administratively prohibited"), if it said.</summary>
        public Exception ChannelFailure { get; set; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            _release();
        }
    }

    internal sealed class JumpHostConnection
    {
        private readonly JumpHostOptions _options;
        private readonly Action _onOpened;
        private readonly object _gate = new object();
        private SshClient _client;
        private SsmOnPremException _failure;
        private int _references;

        public JumpHostConnection(JumpHostOptions options, Action onOpened)
        {
            _options = options;
            _onOpened = onOpened;
        }

        public void AddReference() => Interlocked.Increment(ref _references);

        public void Release()
        {
            if (Interlocked.Decrement(ref _references) != 0) return;
            lock (_gate)
            {
                try { _client?.Dispose(); } catch (Exception) { }
                _client = null;
            }
        }

        public JumpHostForward Forward(DeviceConnectionOptions device, Action<string> verbose, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_failure != null) throw _failure;
                if (_client == null || !_client.IsConnected) Connect(device, verbose, cancellationToken);
                var forward = new ForwardedPortLocal("127.0.0.1", 0, device.ComputerName, (uint)device.Port);
                JumpHostForward lease = null;
                forward.Exception += (s, e) => { if (lease != null) lease.ChannelFailure = e.Exception; };
                var client = _client;
                client.AddForwardedPort(forward);
                forward.Start();
                ThreadPoolReserve.Enter();
                lease = new JumpHostForward("127.0.0.1", (int)forward.BoundPort, forward, () =>
                {
                    try
                    {
                        forward.Stop();
                        lock (_gate) { if (client.IsConnected || _client == client) client.RemoveForwardedPort(forward); }
                    }
                    catch (Exception) { }
                    finally
                    {
                        try { forward.Dispose(); } catch (Exception) { }
                        ThreadPoolReserve.Exit();
                        Release();
                    }
                });
                return lease;
            }
        }

        // Under _gate: other devices behind the same bastion wait for this one connection instead of opening their own.
        private void Connect(DeviceConnectionOptions device, Action<string> verbose, CancellationToken cancellationToken)
        {
            try { _client?.Dispose(); } catch (Exception) { }
            _client = null;
            var where = _options.ToString();
            var user = _options.Credential?.UserName;
            if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(_options.Credential?.Password))
                throw _failure = new DeviceException(DeviceErrorIds.JumpHostAuthFailed, SsmErrorKind.InvalidArgument,
                    $"No credential for the jump host {where}.", "Give -JumpCredential (user name and password for the bastion).") { Target = where };
            var verifier = new HostKeyVerifier(_options.ComputerName, _options.Port, _options.HostKeyPolicy, device.KnownHostsPath, _options.HostKeyFingerprint);
            var info = new ConnectionInfo(_options.ComputerName, _options.Port, user, SshConnector.PasswordMethods(user, _options.Credential.Password))
            {
                Timeout = device.ConnectTimeout,
            };
            SshAlgorithms.Apply(info, device.SshAlgorithmPolicy);
            var client = new SshClient(info);
            client.HostKeyReceived += (s, e) => e.CanTrust = verifier.Verify(e.HostKey);
            if (device.KeepAliveInterval > TimeSpan.Zero) client.KeepAliveInterval = device.KeepAliveInterval;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(device.ConnectTimeout);
                using (deadline.Token.Register(() => { try { client.Dispose(); } catch (Exception) { } }))
                {
                    try
                    {
                        verbose?.Invoke($"Connecting to the jump host {where} as '{user}' (host key policy {_options.HostKeyPolicy}).");
                        client.Connect();
                    }
                    catch (Exception ex) when (!(ex is SsmOnPremException))
                    {
                        try { client.Dispose(); } catch (Exception) { }
                        cancellationToken.ThrowIfCancellationRequested();
                        throw _failure = JumpFailure(ex, verifier, where, device, deadline.IsCancellationRequested, info);
                    }
                }
            }
            _onOpened();
            var negotiated = NegotiatedAlgorithms.From(info);
            verbose?.Invoke($"Jump host {where}: {verifier.KeyType} {verifier.Fingerprint}; {negotiated}.");
            _client = client;
        }

        private static SsmOnPremException JumpFailure(Exception ex, HostKeyVerifier verifier, string where, DeviceConnectionOptions device, bool timedOut, ConnectionInfo info)
        {
            if (verifier.Failure != null)
                return new HostKeyException(verifier.Failure.ErrorId, "Jump host: " + verifier.Failure.Message,
                    verifier.Failure.RecommendedAction.Replace("-HostKeyPolicy", "-JumpHostKeyPolicy").Replace("-HostKeyFingerprint", "-JumpHostKeyFingerprint"),
                    verifier.Fingerprint, verifier.KeyType) { Target = where };
            if (ex is SshAuthenticationException)
                return new DeviceException(DeviceErrorIds.JumpHostAuthFailed, SsmErrorKind.AuthenticationError,
                    $"The jump host {where} refused the login: {ex.Message}", "Check -JumpCredential (the bastion account, not the device's).", ex) { Target = where };
            var refused = SshAlgorithms.Refused(ex, "the jump host " + where, device.SshAlgorithmPolicy, info);
            if (refused != null) return refused;
            var socket = ex as SocketException ?? ex.InnerException as SocketException;
            var detail = timedOut || ex is SshOperationTimeoutException ? $"no answer within {device.ConnectTimeout.TotalSeconds:0.#} s"
                : socket != null ? socket.SocketErrorCode.ToString() : ex.Message;
            return new DeviceException(DeviceErrorIds.JumpHostUnreachable, SsmErrorKind.ConnectionError,
                $"Cannot reach the jump host {where}: {detail}.", "Check -JumpHost (host and port), and that this machine may reach the bastion's SSH port.", ex) { Target = where };
        }
    }

    /// <summary>
    /// SSH.NET's ForwardedPortLocal pumps each open channel on a thread-pool thread for the channel's whole life
    /// (ChannelDirectTcpip.Bind blocks in Socket.Receive). The pool adds threads slowly once they are all blocked:
    /// measured, 64 devices at -ThrottleLimit 64 through one bastion timed out after 30 s, and took 3.4 s (direct:
    /// 3.3 s) with the pool's minimum raised. So the minimum is raised to cover every open channel (never lowered:
    /// other code in the process may rely on it, and idle threads retire by themselves).
    /// </summary>
    internal static class ThreadPoolReserve
    {
        private static int s_open;
        private static readonly object Gate = new object();

        public static void Enter()
        {
            var open = Interlocked.Increment(ref s_open);
            lock (Gate)
            {
                ThreadPool.GetMinThreads(out var workers, out var io);
                var wanted = open + Environment.ProcessorCount + 4;
                if (workers < wanted || io < wanted) ThreadPool.SetMinThreads(Math.Max(workers, wanted), Math.Max(io, wanted));
            }
        }

        public static void Exit() => Interlocked.Decrement(ref s_open);
    }
}
