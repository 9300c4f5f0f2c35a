using System;
using System.Management.Automation;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Parsing;
using SsmOnPrem.Client.Workflows.Fleet;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Runs the platform's 'show license ...' commands on live devices and returns the parsed SsmOnPrem.LicenseStatus,
    /// with the device's identity (ComputerName, Hostname, DevicePlatform, Release, SerialNumber) added.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SsmLicenseStatus", DefaultParameterSetName = ConnectSet)]
    [OutputType(typeof(LicenseStatus))]
    public sealed class GetSsmLicenseStatusCommand : DeviceCmdlet
    {
        // A fleet's statuses carry the same texts per device (accounts, license names): one copy of each, as callers hold them.
        private readonly SharedText _sharedText = new SharedText();

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target) => (session, work) =>
        {
            var report = DeviceLicenseReader.Read(session, work.CancellationToken);
            _sharedText.Share(report.Status);
            var result = PSObject.AsPSObject(report.Status);
            result.TypeNames.Insert(0, ConvertFromSsmLicenseOutputCommand.TypeName); // same view as ConvertFrom-SsmLicenseOutput
            result.Properties.Add(new PSNoteProperty("ComputerName", session.ComputerName));
            result.Properties.Add(new PSNoteProperty("Port", session.Port));
            result.Properties.Add(new PSNoteProperty("Hostname", report.Identity.Hostname));
            result.Properties.Add(new PSNoteProperty("DevicePlatform", report.Identity.Platform));
            result.Properties.Add(new PSNoteProperty("Release", _sharedText.Share(report.Identity.Release)));
            result.Properties.Add(new PSNoteProperty("SerialNumber", report.Identity.SerialNumber ?? report.Status.Udi?.SerialNumber));
            work.WriteObject(result);
        };
    }
}
