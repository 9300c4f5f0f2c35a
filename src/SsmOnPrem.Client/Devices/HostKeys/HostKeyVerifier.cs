using System;

namespace SsmOnPrem.Client.Devices.HostKeys
{
    /// <summary>
    /// Decides whether to trust the host key a device presented, under a <see cref="HostKeyPolicy"/>. Never prompts:
    /// a refusal becomes a <see cref="HostKeyException"/> whose message shows the fingerprint and how to trust it.
    /// </summary>
    public sealed class HostKeyVerifier
    {
        private readonly string _host;
        private readonly int _port;
        private readonly HostKeyPolicy _policy;
        private readonly string _pinned;

        public HostKeyVerifier(string host, int port, HostKeyPolicy policy, string knownHostsPath, string pinnedFingerprint)
        {
            _host = host;
            _port = port;
            _policy = policy;
            KnownHosts = new KnownHostsFile(string.IsNullOrEmpty(knownHostsPath) ? KnownHostsFile.DefaultPath : knownHostsPath);
            if (!string.IsNullOrEmpty(pinnedFingerprint))
            {
                _pinned = HostKeyFingerprint.Normalize(pinnedFingerprint) ?? throw new HostKeyException(
                    DeviceErrorIds.InvalidHostKeyFingerprint, $"'{pinnedFingerprint}' is not a SHA256 host key fingerprint.",
                    "Give it as OpenSSH prints it: SHA256: followed by 43 base64 characters (ssh-keygen -lf, or the fingerprint in our host key error).",
                    null, null);
            }
            else if (policy == HostKeyPolicy.Pinned)
            {
                throw new HostKeyException(DeviceErrorIds.InvalidHostKeyFingerprint, "-HostKeyPolicy Pinned needs -HostKeyFingerprint.",
                    "Add -HostKeyFingerprint 'SHA256:...' with the device's key fingerprint.", null, null);
            }
        }

        public KnownHostsFile KnownHosts { get; }

        /// <summary>The fingerprint the device presented ("SHA256:..."), once verified or refused.</summary>
        public string Fingerprint { get; private set; }
        public string KeyType { get; private set; }

        /// <summary>False under -WhatIf: AcceptNew trusts a new key for this connection only and writes nothing.</summary>
        public bool WriteNewKeys { get; set; } = true;

        /// <summary>True when AcceptNew wrote the key to known_hosts.</summary>
        public bool AddedToKnownHosts { get; private set; }

        /// <summary>Why the key was refused, or null.</summary>
        public HostKeyException Failure { get; private set; }

        /// <summary>Called during the key exchange. Returns whether to go on.</summary>
        public bool Verify(byte[] keyBlob)
        {
            KeyType = HostKeyFingerprint.KeyType(keyBlob) ?? "unknown";
            Fingerprint = HostKeyFingerprint.Sha256(keyBlob);
            var where = KnownHostsFile.HostEntryName(_host, _port);

            if (_pinned != null)
            {
                // A pin is the strongest statement the caller can make: it wins over known_hosts.
                if (string.Equals(_pinned, Fingerprint, StringComparison.Ordinal)) return true;
                return Refuse(DeviceErrorIds.HostKeyFingerprintMismatch,
                    $"The host key of {where} ({KeyType} {Fingerprint}) is not the pinned key {_pinned}. The device may have been replaced or someone may be intercepting the connection.",
                    "If the device's key legitimately changed, verify the new fingerprint out of band and pin it with -HostKeyFingerprint.");
            }
            if (_policy == HostKeyPolicy.None) return true;

            KnownHostVerdict verdict;
            try
            {
                verdict = KnownHosts.Check(_host, _port, KeyType, keyBlob);
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                return Refuse(DeviceErrorIds.KnownHostsUnwritable, $"Cannot read the known hosts file '{KnownHosts.Path}': {ex.Message}",
                    "Fix the file's permissions or give another file with -KnownHostsPath.");
            }

            switch (verdict)
            {
                case KnownHostVerdict.Known:
                    return true;
                case KnownHostVerdict.Revoked:
                    return Refuse(DeviceErrorIds.HostKeyChanged, $"The host key of {where} ({KeyType} {Fingerprint}) is marked @revoked in '{KnownHosts.Path}'.",
                        "Do not connect until the device has a new key; then trust the new key.");
                case KnownHostVerdict.Changed:
                    return Refuse(DeviceErrorIds.HostKeyChanged,
                        $"The host key of {where} has CHANGED: it now presents {KeyType} {Fingerprint}, which is not the key recorded in '{KnownHosts.Path}'. The device may have been replaced or reinstalled, or someone may be intercepting the connection. Connection refused.",
                        $"Verify the new fingerprint out of band. If it is right, remove the old entry (ssh-keygen -R \"{where}\" -f \"{KnownHosts.Path}\") and connect with -HostKeyPolicy AcceptNew, or pin it with -HostKeyFingerprint '{Fingerprint}'.");
                default:
                    if (_policy == HostKeyPolicy.AcceptNew)
                    {
                        if (!WriteNewKeys) return true;
                        try
                        {
                            // Re-checked under the file's lock: another thread may have met this host a moment ago.
                            var now = KnownHosts.AddIfUnknown(_host, _port, KeyType, keyBlob);
                            if (now == KnownHostVerdict.Changed || now == KnownHostVerdict.Revoked)
                                return Refuse(DeviceErrorIds.HostKeyChanged,
                                    $"The host key of {where} ({KeyType} {Fingerprint}) differs from the key another session recorded for it in '{KnownHosts.Path}' a moment ago. Connection refused.",
                                    "Verify the device's fingerprint out of band; something answers for this address with two different keys.");
                            AddedToKnownHosts = now == KnownHostVerdict.Unknown;
                            return true;
                        }
                        catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
                        {
                            return Refuse(DeviceErrorIds.KnownHostsUnwritable, $"Cannot add the host key of {where} to '{KnownHosts.Path}': {ex.Message}",
                                "Fix the file's permissions or give another file with -KnownHostsPath.");
                        }
                    }
                    return Refuse(DeviceErrorIds.HostKeyUnknown,
                        $"The host key of {where} is not known ({KeyType} {Fingerprint}; known hosts file '{KnownHosts.Path}'). Connection refused.",
                        $"Verify the fingerprint out of band, then trust it once with -HostKeyPolicy AcceptNew (it is added to the known hosts file), or pin it with -HostKeyFingerprint '{Fingerprint}'.");
            }
        }

        private bool Refuse(string errorId, string message, string action)
        {
            Failure = new HostKeyException(errorId, message, action, Fingerprint, KeyType) { Target = KnownHostsFile.HostEntryName(_host, _port) };
            return false;
        }
    }
}
