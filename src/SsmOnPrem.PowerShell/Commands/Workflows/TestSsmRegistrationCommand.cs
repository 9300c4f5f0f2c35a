using System;
using System.Linq;
using System.Management.Automation;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.OnPrem;
using SsmOnPrem.Client.Workflows;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// $true/$false per device: legacy REGISTERED and AUTHORIZED; SLP CSLU transport (at On-Prem when connected) and a
    /// recent ACK. -Detailed returns each check and why it failed; -IncludeInventory also looks the device up in On-Prem.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "SsmRegistration", DefaultParameterSetName = ConnectSet)]
    [OutputType(typeof(bool), typeof(RegistrationCheckResult))]
    public sealed class TestSsmRegistrationCommand : WorkflowDeviceCmdlet
    {
        [Parameter]
        public SwitchParameter Detailed { get; set; }

        /// <summary>Also check On-Prem's inventory for the device (and, for SLP, its usage report alert). Needs Connect-SsmOnPrem.</summary>
        [Parameter]
        public SwitchParameter IncludeInventory { get; set; }

        /// <summary>SLP: maximum age of the last ACK in days (default: the device's reporting interval, else 30).</summary>
        [Parameter]
        [ValidateRange(1, 3650)]
        public int MaximumAckAgeDays { get; set; }

        /// <summary>
        /// Auto (default: judge by the mode the device reports), SL (legacy Smart Licensing) or SLP (Smart Licensing Using
        /// Policy): the expected mode; a device in the other mode fails the 'Mode' check. A string, not the engine's enum
        /// (cmdlet classes hold no engine types: PowerShell loads them before the module's resolver runs).
        /// </summary>
        [Parameter]
        [ValidateSet("Auto", "SL", "SLP", IgnoreCase = true)]
        public string Mode { get; set; } = "Auto";

        [Parameter]
        public OnPremConnection Connection { get; set; }

        private RegistrationCheck _check;

        protected override void BeginProcessing()
        {
            var connection = Connection ?? OnPremSessions.Current;
            _check = new RegistrationCheck
            {
                ExpectedSmartAccount = connection?.Account,
                ExpectedVirtualAccount = connection?.VirtualAccount,
                ExpectedMode = RegistrationCheck.ParseMode(Mode),
                MaximumAckAge = MyInvocation.BoundParameters.ContainsKey(nameof(MaximumAckAgeDays)) ? TimeSpan.FromDays(MaximumAckAgeDays) : (TimeSpan?)null,
            };
            if (connection != null)
            {
                var urls = new RegistrationRequest();
                try { OnPremLookup.FillUrls(urls, connection, null, WriteVerbose, CancellationToken); _check.ExpectedUrl = urls.CsluUrl; }
                catch (Client.Common.SsmOnPremException ex) { WriteWarning("The CSLU URL is not checked: " + ex.Message); }
            }
            if (IncludeInventory)
            {
                if (connection == null)
                    ThrowSsmError(new Client.Common.SsmOnPremException("NotConnected", Client.Common.SsmErrorKind.InvalidOperation,
                        "-IncludeInventory needs a connection to SSM On-Prem.", "Run Connect-SsmOnPrem first, or pass -Connection."));
                _check.FindInInventory = serial => OnPremLookup.Call(connection, (c, ct) => c.FindProductInstancesAsync(serial, ct), CancellationToken);
            }
        }

        protected override Action<DeviceSession, DeviceWork> PrepareDevice(string target)
        {
            if (!FirstTimeSeen(target)) return null;
            var detailed = Detailed.IsPresent;
            return (session, work) =>
            {
                var result = _check.Run(session, work.CancellationToken);
                foreach (var failed in result.Checks.Where(c => !c.Passed)) work.WriteVerbose($"{session.ComputerName}: {failed}");
                work.WriteObject(detailed ? (object)result : result.Passed);
            };
        }
    }
}
