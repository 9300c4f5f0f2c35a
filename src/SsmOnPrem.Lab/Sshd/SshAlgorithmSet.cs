using System;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Sshd
{
    /// <summary>Which algorithm sets the lab's sshd offer: each release's own defaults, all modern, or an old device's.</summary>
    public enum SshProfile { Release, Modern, Legacy }

    /// <summary>
    /// What one lab sshd offers: key exchanges, host key type and signature algorithms, ciphers, MACs (OpenSSH names).
    /// The per-release sets and their sources are in the lab README ("SSH algorithm sets"); OpenSSH 9.2 still
    /// implements the legacy ones (ssh-rsa, diffie-hellman-group14-sha1, CBC) and offers them when configured to.
    /// </summary>
    public sealed class SshAlgorithmSet
    {
        public string Name { get; private set; }
        /// <summary>ssh-keygen -t value of the host key: ed25519, rsa or ecdsa.</summary>
        public string KeyType { get; private set; }
        public string Kex { get; private set; }
        public string HostKeyAlgorithms { get; private set; }
        public string Ciphers { get; private set; }
        public string Macs { get; private set; }

        public static readonly SshAlgorithmSet Modern = new SshAlgorithmSet
        {
            Name = "Modern", KeyType = "ed25519",
            Kex = "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,diffie-hellman-group14-sha256",
            HostKeyAlgorithms = "ssh-ed25519",
            Ciphers = "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes256-ctr",
            Macs = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512",
        };

        /// <summary>An old device: only group14-sha1, ssh-rsa (SHA-1 signatures) and CBC.</summary>
        public static readonly SshAlgorithmSet Legacy = new SshAlgorithmSet
        {
            Name = "Legacy", KeyType = "rsa",
            Kex = "diffie-hellman-group14-sha1",
            HostKeyAlgorithms = "ssh-rsa",
            Ciphers = "aes128-cbc,aes192-cbc,aes256-cbc",
            Macs = "hmac-sha1",
        };

        private static readonly SshAlgorithmSet IosXe16 = new SshAlgorithmSet
        {
            Name = "IOS-XE-16", KeyType = "rsa",
            Kex = "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group14-sha1",
            HostKeyAlgorithms = "ssh-rsa",
            Ciphers = "aes128-ctr,aes192-ctr,aes256-ctr,aes128-cbc,aes192-cbc,aes256-cbc",
            Macs = "hmac-sha2-256,hmac-sha2-512,hmac-sha1",
        };

        private static readonly SshAlgorithmSet IosXe17 = new SshAlgorithmSet
        {
            Name = "IOS-XE-17", KeyType = "rsa",
            Kex = "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512,diffie-hellman-group14-sha1",
            HostKeyAlgorithms = "rsa-sha2-512,rsa-sha2-256,ssh-rsa",
            Ciphers = "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr",
            Macs = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1",
        };

        private static readonly SshAlgorithmSet Nxos9 = new SshAlgorithmSet
        {
            Name = "NX-OS-9", KeyType = "rsa",
            Kex = "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group14-sha1",
            HostKeyAlgorithms = "rsa-sha2-512,rsa-sha2-256,ssh-rsa",
            Ciphers = "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
            Macs = "hmac-sha2-256,hmac-sha2-512,hmac-sha1",
        };

        private static readonly SshAlgorithmSet Nxos10 = new SshAlgorithmSet
        {
            Name = "NX-OS-10", KeyType = "rsa",
            Kex = "curve25519-sha256,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512",
            HostKeyAlgorithms = "rsa-sha2-512,rsa-sha2-256",
            Ciphers = "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr",
            Macs = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512",
        };

        private static readonly SshAlgorithmSet IosXr = new SshAlgorithmSet
        {
            Name = "IOS-XR", KeyType = "ecdsa",
            Kex = "curve25519-sha256,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group14-sha256,diffie-hellman-group14-sha1",
            HostKeyAlgorithms = "ecdsa-sha2-nistp256",
            Ciphers = "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com",
            Macs = "hmac-sha2-512,hmac-sha2-256,hmac-sha1",
        };

        private static readonly SshAlgorithmSet Asa = new SshAlgorithmSet
        {
            Name = "ASA", KeyType = "rsa",
            Kex = "diffie-hellman-group14-sha256",
            HostKeyAlgorithms = "ssh-rsa",
            Ciphers = "aes128-cbc,aes192-cbc,aes256-cbc,aes128-ctr,aes192-ctr,aes256-ctr",
            Macs = "hmac-sha1,hmac-sha2-256",
        };

        public static SshAlgorithmSet For(PlatformKind kind, SshProfile profile)
        {
            if (profile == SshProfile.Modern) return Modern;
            if (profile == SshProfile.Legacy) return Legacy;
            switch (kind)
            {
                case PlatformKind.IosXe16: return IosXe16;
                case PlatformKind.IosXe17: return IosXe17;
                case PlatformKind.Nxos9: return Nxos9;
                case PlatformKind.Nxos10: return Nxos10;
                case PlatformKind.IosXr: return IosXr;
                case PlatformKind.Asa: return Asa;
                default: throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }

        public static SshProfile ParseProfile(string name) =>
            Enum.TryParse<SshProfile>(name, ignoreCase: true, out var p) ? p : throw new ArgumentException($"Unknown SSH profile '{name}' (Release, Modern or Legacy).");
    }
}
