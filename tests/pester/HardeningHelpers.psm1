# Helpers for the hardening matrix (tests/pester/Hardening.*.Tests.ps1): fake network peers that misbehave in ways the
# lab's knobs do not cover, a counter that proves nothing was sent, and the row tags the README figures are counted from.
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'DeviceTestHelpers.psm1')

if (-not ('SsmHardening.FakePeer' -as [type])) {
    Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace SsmHardening
{
    // A loopback TCP listener on a dynamic port that either counts connections and says nothing (a black hole /
    // "nothing was sent" witness), or forwards to a real port (a device that can be "rebooted": Stop drops every
    // connection and closes the port, so the next connect is refused).
    public sealed class FakePeer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly int _forwardTo;
        private readonly List<Socket> _sockets = new List<Socket>();
        private int _accepted;
        private long _bytesReceived;

        private FakePeer(int forwardTo) { _forwardTo = forwardTo; }

        public int Port { get; private set; }
        public int Accepted { get { return Volatile.Read(ref _accepted); } }
        public long BytesReceived { get { return Interlocked.Read(ref _bytesReceived); } }

        public static FakePeer Silent() { var p = new FakePeer(0); p.Start(); return p; }
        public static FakePeer Forwarding(int port) { var p = new FakePeer(port); p.Start(); return p; }

        private void Start()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            new Thread(AcceptLoop) { IsBackground = true }.Start();
        }

        private void AcceptLoop()
        {
            while (true)
            {
                Socket client;
                try { client = _listener.AcceptSocket(); } catch { return; }
                Interlocked.Increment(ref _accepted);
                lock (_sockets) _sockets.Add(client);
                if (_forwardTo == 0) { new Thread(() => Drain(client)) { IsBackground = true }.Start(); continue; }
                var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try { upstream.Connect(IPAddress.Loopback, _forwardTo); } catch { client.Close(); continue; }
                lock (_sockets) _sockets.Add(upstream);
                new Thread(() => Pump(client, upstream)) { IsBackground = true }.Start();
                new Thread(() => Pump(upstream, client)) { IsBackground = true }.Start();
            }
        }

        private void Drain(Socket s)
        {
            var buffer = new byte[4096];
            try { int n; while ((n = s.Receive(buffer)) > 0) Interlocked.Add(ref _bytesReceived, n); } catch { }
        }

        private static void Pump(Socket from, Socket to)
        {
            var buffer = new byte[16384];
            try { int n; while ((n = from.Receive(buffer)) > 0) to.Send(buffer, n, SocketFlags.None); } catch { }
            try { to.Shutdown(SocketShutdown.Both); } catch { }
        }

        // Drops every connection with a reset and closes the port.
        public void Stop()
        {
            try { _listener.Stop(); } catch { }
            lock (_sockets)
            {
                foreach (var s in _sockets) { try { s.LingerState = new LingerOption(true, 0); s.Close(); } catch { } }
                _sockets.Clear();
            }
        }

        public void Dispose() { Stop(); }
    }
}
'@
}

function New-SilentPeer { [SsmHardening.FakePeer]::Silent() }
function New-ForwardingPeer([int] $Port) { [SsmHardening.FakePeer]::Forwarding($Port) }

# An sshd of our own whose ForceCommand runs $Script (bash): a device that logs in but never shows a prompt, for
# instance. The device tests' Start-TestSshd does the work; start a lab first (its login user and PAM service).
function Start-ScriptedSshd {
    param([Parameter(Mandatory)] [string] $Directory, [Parameter(Mandatory)] [string] $Script)
    Start-TestSshd -Directory $Directory -Script "#!/bin/bash`n$Script`n" -Password
}

# Child processes of the sshd instances = SSH sessions still open on the lab.
function Get-LabSessionCount($Lab) {
    $n = 0
    $parents = @($Lab.SshdProcessId)
    foreach ($dir in [IO.Directory]::GetDirectories('/proc')) {
        $name = [IO.Path]::GetFileName($dir)
        if ($name -notmatch '^\d+$') { continue }
        try { $stat = [IO.File]::ReadAllText("$dir/stat") } catch { continue }
        $ppid = [int](($stat.Substring($stat.LastIndexOf(')') + 2)).Split(' ')[1])
        if ($parents -contains $ppid) { $n++ }
    }
    $n
}

function Wait-Until([scriptblock] $Condition, [int] $TimeoutSec = 20) {
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { return $false }
        Start-Sleep -Milliseconds 100
    }
    $true
}

Export-ModuleMember -Function New-SilentPeer, New-ForwardingPeer, Start-ScriptedSshd, Get-LabSessionCount, Wait-Until
