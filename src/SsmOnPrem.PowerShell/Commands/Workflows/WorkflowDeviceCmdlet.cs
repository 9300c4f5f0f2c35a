using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Parameters of the workflow cmdlets: device input from the pipeline (objects, CSV rows) with credentials either
    /// given, or named by a CredentialName column and resolved through -CredentialMap (<see cref="CredentialLookup"/>);
    /// a device listed twice in the input is worked on once (<see cref="DuplicateInput"/>).
    /// </summary>
    public abstract class WorkflowDeviceCmdlet : DeviceCmdlet
    {
        /// <summary>Login user and password; may come from -CredentialMap instead.</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public override PSCredential Credential { get; set; }

        /// <summary>Name of a credential in -CredentialMap (a CSV inventory's column).</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public string CredentialName { get; set; }

        /// <summary>Hashtable name → PSCredential, or a scriptblock that gets the name (and the input in $_) and returns a PSCredential.</summary>
        [Parameter(ParameterSetName = ConnectSet)]
        [ValidateNotNull]
        public object CredentialMap { get; set; }

        /// <summary>Name of the bastion's credential in -CredentialMap (an inventory's JumpCredentialName column).</summary>
        [Parameter(ParameterSetName = ConnectSet, ValueFromPipelineByPropertyName = true)]
        public string JumpCredentialName { get; set; }

        private readonly DuplicateInput _duplicates = new DuplicateInput();

        protected override PSCredential ResolveJumpCredential()
        {
            if (JumpCredential != null || string.IsNullOrEmpty(JumpCredentialName)) return JumpCredential;
            if (new CredentialLookup(CredentialMap).Find(JumpCredentialName) is PSCredential credential) return credential;
            ThrowSsmError(new SsmOnPremException("CredentialRequired", SsmErrorKind.InvalidArgument,
                $"-CredentialMap has no PSCredential for the jump host credential '{JumpCredentialName}' (device {ComputerName}).",
                "Add the name to the -CredentialMap hashtable (name = Get-Credential), or return a PSCredential from the scriptblock."), ComputerName);
            return null;
        }

        protected override PSCredential ResolveCredential()
        {
            if (Credential != null) return Credential;
            var name = CredentialName;
            if (new CredentialLookup(CredentialMap).Find(name) is PSCredential credential) return credential;
            // Thrown, not written: the base turns it into this row's non-terminating error and skips the row.
            throw new SsmOnPremException("CredentialRequired", SsmErrorKind.InvalidArgument,
                name == null ? $"No credential for {ComputerName}: give -Credential, or a CredentialName column with -CredentialMap."
                             : $"-CredentialMap has no PSCredential for '{name}' (device {ComputerName}); this device was skipped.",
                "Add the name to the -CredentialMap hashtable (name = Get-Credential), or return a PSCredential from the scriptblock, and run again for this device.") { Target = ComputerName };
        }

        /// <summary>True the first time a device (host:port, of the parameters or of the session) is seen in this run; a duplicate gets a warning.</summary>
        protected bool FirstTimeSeen(string target)
        {
            // Sessions by device address (two devices may share a hostname); devices by the connection parameters.
            var first = CurrentSession != null
                ? _duplicates.FirstTime(CurrentSession.ComputerName, CurrentSession.Port, out var warning)
                : _duplicates.FirstTime(ComputerName, Port, out warning);
            if (!first) WriteWarning(warning);
            return first;
        }
    }
}
