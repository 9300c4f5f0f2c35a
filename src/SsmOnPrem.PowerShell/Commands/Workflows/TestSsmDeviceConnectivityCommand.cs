using System;
using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>Pings the On-Prem host (or -Target) from each device; a failed ping is a result with Success = $false, not an error.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "SsmDeviceConnectivity", DefaultParameterSetName = ConnectSet)]
    [OutputType(typeof(ConnectivityResult))]
    public sealed class TestSsmDeviceConnectivityCommand : WorkflowNetworkPathCmdlet
    {
        /// <summary>Host to ping (default: the connected On-Prem server).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Target { get; set; }

        [Parameter]
        public OnPremConnection Connection { get; set; }

        protected override void BeginProcessing()
        {
            if (Target == null) Target = (Connection ?? OnPremSessions.Current)?.Server;
            if (Target == null)
                ThrowSsmError(new SsmOnPremException("TargetRequired", SsmErrorKind.InvalidArgument,
                    "No host to ping: not connected to On-Prem and no -Target.", "Pass -Target, or run Connect-SsmOnPrem first."));
            try { CliArgument.Hostname(Target, "-Target"); }
            catch (SsmOnPremException ex) { ThrowSsmError(ex, Target); }
            ValidateNetworkPath();
        }

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target)
        {
            if (!FirstTimeSeen(target)) return null;
            var ping = Target;
            var vrf = Vrf;
            var source = SourceInterface;
            return (session, work) => work.WriteObject(Connectivity.Test(session, ping, vrf, work.CancellationToken, source));
        }
    }
}
