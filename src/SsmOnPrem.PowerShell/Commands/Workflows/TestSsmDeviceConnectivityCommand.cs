using System;
using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>Pings the On-Prem host (or -Target) from each device, reads name resolution and opens the device port over TCP where the CLI can; a failed check is a result with Success = $false and a Recommendation, not an error.</summary>
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

        /// <summary>TCP port to open from the device (default: the connection's device port, else 443).</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int TcpPort { get; set; }

        /// <summary>Only ping (and read name resolution); no TCP connection from the device.</summary>
        [Parameter]
        public SwitchParameter SkipTcpCheck { get; set; }

        protected override void BeginProcessing()
        {
            var connection = Connection ?? OnPremSessions.Current;
            if (Target == null) Target = connection?.DeviceHost ?? connection?.Server;
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(TcpPort))) TcpPort = connection?.DevicePort ?? 443;
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
            int? port = SkipTcpCheck ? (int?)null : TcpPort;
            return (session, work) => work.WriteObject(Connectivity.Test(session, ping, vrf, work.CancellationToken, source, port));
        }
    }
}
