using System;
using System.Net;
using SsmOnPrem.Client.Devices.HostKeys;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Devices.Ssh;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>How to reach and log in to one device. The cmdlets build it from their connection parameters.</summary>
    public sealed class DeviceConnectionOptions
    {
        public string ComputerName { get; set; }
        public int Port { get; set; } = 22;

        /// <summary>User name and password. With <see cref="KeyFilePath"/> the password is the key's passphrase (empty for none).</summary>
        public NetworkCredential Credential { get; set; }

        /// <summary>The enable secret (user name ignored); null stays in the EXEC level the login lands in.</summary>
        public NetworkCredential EnableCredential { get; set; }

        /// <summary>Private key (OpenSSH, PEM/PKCS#1, PKCS#8 or PuTTY format) for public-key authentication.</summary>
        public string KeyFilePath { get; set; }

        public HostKeyPolicy HostKeyPolicy { get; set; } = HostKeyPolicy.Strict;
        public string HostKeyFingerprint { get; set; }
        public string KnownHostsPath { get; set; }

        /// <summary>Which SSH algorithms to offer (docs/ssh-reach.md): Compatible by default.</summary>
        public SshAlgorithmPolicy SshAlgorithmPolicy { get; set; } = SshAlgorithmPolicy.Compatible;

        /// <summary>The bastion to go through, or null to connect directly.</summary>
        public JumpHostOptions JumpHost { get; set; }

        /// <summary>Bastion connections shared by the sessions of one run; null: the session connects to the bastion on its own.</summary>
        public JumpHostPool JumpHosts { get; set; }

        /// <summary>SSH keepalive interval (zero: none), for sessions that wait minutes behind NAT or firewalls.</summary>
        public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.Zero;

        public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
        public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>How long to try to get the prompt back after a command timed out before closing the session.</summary>
        public TimeSpan RecoveryTimeout { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>Writes a transcript of the session (secrets masked) to this file.</summary>
        public string TranscriptPath { get; set; }

        /// <summary>Send the paging and width commands after login (on by default; tests turn it off to exercise --More--).</summary>
        public bool DisablePaging { get; set; } = true;

        /// <summary>Run 'show version' at login to pick the platform profile (on by default).</summary>
        public bool DetectPlatform { get; set; } = true;

        /// <summary>Skip detection and use this platform's profile.</summary>
        public DevicePlatform Platform { get; set; } = DevicePlatform.Unknown;

        /// <summary>Where verbose messages go (already masked); null for nowhere.</summary>
        public Action<string> Verbose { get; set; }

        /// <summary>Where warnings go (weak SSH algorithms negotiated, a transcript file readable by others); null for nowhere.</summary>
        public Action<string> Warning { get; set; }

        /// <summary>Caps on what one command may print (null: <see cref="DeviceOutputLimits.Default"/>).</summary>
        public DeviceOutputLimits OutputLimits { get; set; }

        /// <summary>-WhatIf: host keys AcceptNew would learn are trusted for this run only, never written to known_hosts.</summary>
        public bool DoNotWriteKnownHosts { get; set; }

        public DeviceConnectionOptions Clone() => (DeviceConnectionOptions)MemberwiseClone();
    }
}
