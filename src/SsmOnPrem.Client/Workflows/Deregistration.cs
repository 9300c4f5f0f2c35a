using System;
using System.Threading;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Workflows
{
    /// <summary>'license smart deregister' and a check that the device says UNREGISTERED.</summary>
    public static class Deregistration
    {
        public static DeviceChangeResult Run(DeviceSession session, TimeSpan timeout, CancellationToken ct)
        {
            var identity = RegistrationWorkflow.Stage(RegistrationStage.Identify, () => session.Identity ?? session.Identify(ct), session);
            var result = new DeviceChangeResult
            {
                ComputerName = session.ComputerName, Port = session.Port, Hostname = identity.Hostname, Action = "Deregister",
                Platform = DeviceLicenseReader.PlatformName(identity.Platform), Mode = RegistrationWorkflow.ModeName(identity.LicensingMode),
            };
            var commands = session.PlatformDriver.LicensingCommandsFor(identity.LicensingMode);
            var poller = new LicensePoller(session);
            var before = poller.ReadQuick(ct, out _);
            if (identity.LicensingMode != LicensingMode.SmartLicensingUsingPolicy && before.RegistrationStatus == RegistrationStatus.Unregistered)
            {
                result.Success = true;
                result.LicenseStatus = before;
                return result;
            }
            var sent = RegistrationWorkflow.Stage(RegistrationStage.Register, () => session.Invoke(commands.Deregister(), new DeviceCommandOptions { AllowConfirmation = true }, ct), session);
            result.CommandsSent.Add(sent.Command);
            result.Changed = true;
            LicenseStatus last;
            var done = identity.LicensingMode == LicensingMode.SmartLicensingUsingPolicy
                ? poller.WaitUntil((s, _) => true, DateTime.UtcNow, ct, out last, out _)
                : poller.WaitUntil((s, _) => s.RegistrationStatus == RegistrationStatus.Unregistered, DateTime.UtcNow + timeout, ct, out last, out _);
            result.LicenseStatus = last;
            result.Success = done;
            if (!done) result.FailureReason = $"still {last.RegistrationStatusText ?? last.RegistrationStatus.ToString()} after the deregister";
            return result;
        }
    }
}
