using System.Collections.Generic;

namespace SsmOnPrem.Lab.Hosting
{
    /// <summary>What Start-SsmLab returns and writes to &lt;state&gt;/lab.json (secrets included: the folder is root-only).</summary>
    public sealed class LabDescription
    {
        public string OnPremServer { get; set; }
        /// <summary>The port devices are sent to (Connect-SsmOnPrem -DevicePort).</summary>
        public int DevicePort { get; set; }
        public string OnPremCertificateName { get; set; }
        public string CertificateThumbprint { get; set; }
        public string Account { get; set; }
        public string VirtualAccount { get; set; }
        public string ClientId { get; set; }
        public string ClientSecret { get; set; }
        public string StateDirectory { get; set; }
        public int LabProcessId { get; set; }
        public List<int> SshdProcessIds { get; set; } = new List<int>();
        public int SessionPort { get; set; }
        public string AdminToken { get; set; }
        public int RegistrationDelayMs { get; set; }
        public double StartSeconds { get; set; }
        public List<DeviceDescription> Devices { get; set; } = new List<DeviceDescription>();
        public string SshProfile { get; set; }
        /// <summary>The bastion sshd (Start-SsmLab -JumpHost), or null.</summary>
        public JumpHostDescription JumpHost { get; set; }
    }

    public sealed class JumpHostDescription
    {
        public string ComputerName { get; set; }
        public int Port { get; set; }
        public string Username { get; set; }
        public string Password { get; set; }
        public string HostKeyFingerprint { get; set; }
        /// <summary>Its sshd log (Get-SsmLab counts the logins and forwarded channels in it).</summary>
        public string LogPath { get; set; }
    }

    public sealed class DeviceDescription
    {
        public string Name { get; set; }
        public int LoginCount { get; set; }
        public bool BlockOnPremPort { get; set; }
        public bool NoNameServer { get; set; }
        public string ComputerName { get; set; }
        public int Port { get; set; }
        public string Platform { get; set; }
        public string Release { get; set; }
        public string Model { get; set; }
        public string SerialNumber { get; set; }
        public string Udi { get; set; }
        public bool SmartLicensingUsingPolicy { get; set; }
        public string Username { get; set; }
        public string Password { get; set; }
        public string EnableSecret { get; set; }
        public string HostKeyFingerprint { get; set; }
        /// <summary>The SSH algorithm set its sshd offers (a release name, Modern or Legacy).</summary>
        public string SshAlgorithms { get; set; }
        /// <summary>Secret values in the device's factory configuration (for leak tests).</summary>
        public List<string> ConfigSecrets { get; set; } = new List<string>();
    }
}
