using System.Collections.Generic;

namespace SsmOnPrem.Lab.Hosting
{
    public sealed class LabOptions
    {
        public int DeviceCount { get; set; } = 5;
        public List<string> Platforms { get; set; } = new List<string> { "mix" };
        public string StateDirectory { get; set; }
        public int RegistrationDelayMs { get; set; } = 1500;
        public bool StartOnPrem { get; set; } = true;
        public int Seed { get; set; } = 12345;
        /// <summary>Which SSH algorithms the devices' sshd offer (Release: each release's defaults).</summary>
        public SsmOnPrem.Lab.Sshd.SshProfile SshProfile { get; set; } = SsmOnPrem.Lab.Sshd.SshProfile.Release;
        /// <summary>Start a bastion sshd in front of the devices.</summary>
        public bool JumpHost { get; set; }
        /// <summary>When set, the On-Prem certificate carries only this DNS name, the lab's name server resolves it to the emulator, and devices check it.</summary>
        public string OnPremCertificateName { get; set; }
    }
}
