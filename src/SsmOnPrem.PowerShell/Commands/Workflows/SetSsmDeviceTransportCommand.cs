using System;
using System.Linq;
using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Points devices at On-Prem with their platform's syntax, idempotently: the running configuration is read first,
    /// and a device that already has every line is reported as unchanged with nothing sent. -WhatIf shows the exact lines.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SsmDeviceTransport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ConnectSet)]
    [OutputType(typeof(DeviceChangeResult))]
    public sealed class SetSsmDeviceTransportCommand : WorkflowNetworkPathCmdlet
    {
        [Parameter]
        [ValidateSet("Auto", "CallHome", "SmartTransport", "Cslu", IgnoreCase = true)]
        public string Type { get; set; } = "Auto";

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Url { get; set; }

        [Parameter]
        [ValidateRange(1, 365)]
        public int ReportingIntervalDays { get; set; }

        [Parameter]
        public OnPremConnection Connection { get; set; }

        /// <summary>Leave the change in the running configuration only (no 'copy running-config startup-config' / 'write memory').</summary>
        [Parameter]
        public SwitchParameter SkipSave { get; set; }

        private RegistrationRequest _urls;

        protected override void BeginProcessing()
        {
            _urls = new RegistrationRequest();
            ValidateNetworkPath();
            try { OnPremLookup.FillUrls(_urls, Connection ?? OnPremSessions.Current, Url, WriteWarning, CancellationToken); }
            catch (SsmOnPremException ex) { ThrowSsmError(ex); }
        }

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target)
        {
            if (!FirstTimeSeen(target)) return null;
            var extras = new TransportExtras
            {
                SourceInterface = SourceInterface,
                Vrf = Vrf,
                ReportingIntervalDays = MyInvocation.BoundParameters.ContainsKey(nameof(ReportingIntervalDays)) ? ReportingIntervalDays : (int?)null,
            };
            var type = Type;
            var skipSave = SkipSave.IsPresent;
            return (session, work) =>
            {
                var ct = work.CancellationToken;
                var identity = session.Identity ?? session.Identify(ct);
                var kind = string.Equals(type, "Auto", StringComparison.OrdinalIgnoreCase)
                    ? TransportConfiguration.DefaultKind(identity.LicensingMode)
                    : (Client.Devices.Platforms.DeviceTransportKind)Enum.Parse(typeof(Client.Devices.Platforms.DeviceTransportKind), type, true);
                var url = _urls.UrlFor(kind);
                var result = new DeviceChangeResult
                {
                    ComputerName = session.ComputerName, Port = session.Port, Hostname = identity.Hostname, Action = "Transport",
                    Platform = DeviceLicenseReader.PlatformName(identity.Platform), Mode = RegistrationWorkflow.ModeName(identity.LicensingMode),
                    TransportType = kind.ToString(), Url = url,
                };
                if (string.IsNullOrEmpty(url))
                    throw new SsmOnPremException(WorkflowErrorIds.TransportUrlMissing, SsmErrorKind.InvalidArgument,
                        $"No {kind} URL for {session.ComputerName}.", "Pass -Url, or connect to On-Prem first (Connect-SsmOnPrem) so the URL can be read.") { Target = session.ComputerName };
                var current = new LicensePoller(session).ReadQuick(ct, out _);
                var plan = TransportConfiguration.Plan(session, kind, url, extras, current, ct);
                if (plan.UpToDate)
                {
                    work.WriteVerbose($"{session.ComputerName}: the transport already points at {url}; nothing sent.");
                    result.Success = true;
                    work.WriteObject(result);
                    return;
                }
                var change = TransportChange.Apply(session, plan, planOnly: false, skipSave: skipSave,
                    approve: lines => work.OnPipelineThread(() => ShouldProcess(session.ComputerName, "configure: " + string.Join(" ; ", lines))), ct);
                if (change.Declined) return;
                result.CommandsSent.AddRange(change.CommandsSent);
                result.Changed = true;
                result.ConfigSaved = change.Save.Saved;
                result.ConfigSaveReason = change.Save.Reason;
                if (change.Save.Saved == false) work.WriteWarning($"{session.ComputerName}: the transport change is not saved: {change.Save.Reason}");
                result.Success = true;
                work.WriteObject(result);
            };
        }
    }
}
