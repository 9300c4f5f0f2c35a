using System;
using System.Net.Http;

namespace SsmOnPrem.Lab.Devices
{
    /// <summary>What every device of a lab shares: where the On-Prem emulator is, and how devices talk HTTPS to it.</summary>
    public sealed class LabContext
    {
        public Uri OnPremBaseAddress { get; set; }
        public string CertificateThumbprint { get; set; }
        public int RegistrationDelayMs { get; set; } = 1500;
        public HttpClient Http { get; set; }
        /// <summary>The only DNS name the On-Prem certificate carries (null: it carries 127.0.0.1 and localhost); the lab's name server knows it.</summary>
        public string OnPremCertificateName { get; set; }
        public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    }
}
