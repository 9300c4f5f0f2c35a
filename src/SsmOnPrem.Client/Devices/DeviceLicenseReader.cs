using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.Platforms;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>A device's licensing state as it says it, plus who the device is.</summary>
    public sealed class DeviceLicenseReport
    {
        public DeviceIdentity Identity { get; set; }
        public LicenseStatus Status { get; set; }
        public IReadOnlyList<DeviceCommandResult> Commands { get; set; }
    }

    /// <summary>Runs the platform's 'show license ...' commands on a session and parses them into one <see cref="LicenseStatus"/>.</summary>
    public static class DeviceLicenseReader
    {
        public static DeviceLicenseReport Read(DeviceSession session, CancellationToken cancellationToken = default)
        {
            var identity = session.Identity ?? session.Identify(cancellationToken);
            var commands = session.PlatformDriver.LicensingCommandsFor(identity.LicensingMode).StatusCommands;
            var results = commands.Select(c => session.Invoke(c, null, cancellationToken)).ToList();
            LicenseStatus status;
            try
            {
                status = LicenseOutputParser.ParseMany(results.Select(r => (r.Command, r.Output)), PlatformName(identity.Platform));
            }
            catch (NotLicenseOutputException ex)
            {
                throw new DeviceException("NotLicenseOutput", SsmErrorKind.InvalidData,
                    $"{session.ComputerName} answered '{string.Join("', '", commands)}' with text that is not license output.",
                    "Run the commands with Invoke-SsmDeviceCommand to see what the device prints.", ex)
                { DeviceOutput = string.Join("\n", results.Select(r => r.Output)), Target = session.ComputerName };
            }
            // Syslog that arrived while the commands ran (e.g. a registration result) is part of the picture.
            foreach (var r in results)
                foreach (var m in r.Syslog)
                    if (!status.SyslogMessages.Contains(m)) status.SyslogMessages.Add(m);
            return new DeviceLicenseReport { Identity = identity, Status = status, Commands = results };
        }

        /// <summary>The platform's display name ("IOS-XE"), null when unknown.</summary>
        public static string PlatformName(DevicePlatform platform) => PlatformDriver.For(platform).DisplayName;
    }
}
