using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Base of the workflow cmdlets: device input from the pipeline (objects, CSV rows) with credentials either
    /// given, or named by a CredentialName column and resolved through -CredentialMap (hashtable or scriptblock);
    /// a device listed twice in the input is worked on once.
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

        protected override PSCredential ResolveJumpCredential()
        {
            if (JumpCredential != null || string.IsNullOrEmpty(JumpCredentialName)) return JumpCredential;
            if (LookUp(JumpCredentialName) is PSCredential credential) return credential;
            ThrowSsmError(new SsmOnPremException("CredentialRequired", SsmErrorKind.InvalidArgument,
                $"-CredentialMap has no PSCredential for the jump host credential '{JumpCredentialName}' (device {ComputerName}).",
                "Add the name to the -CredentialMap hashtable (name = Get-Credential), or return a PSCredential from the scriptblock."), ComputerName);
            return null;
        }

        private object LookUp(string name)
        {
            var map = CredentialMap is PSObject wrapped ? wrapped.BaseObject : CredentialMap;
            object found = null;
            if (map is IDictionary table && name != null) found = table.Contains(name) ? table[name] : null;
            else if (map is ScriptBlock script) found = script.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", name) }, name) is var r && r.Count > 0 ? r[r.Count - 1] : null;
            return found is PSObject o ? o.BaseObject : found;
        }

        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        protected override PSCredential ResolveCredential()
        {
            if (Credential != null) return Credential;
            var name = CredentialName;
            var map = CredentialMap is PSObject wrapped ? wrapped.BaseObject : CredentialMap;
            object found = null;
            if (map is IDictionary table && name != null) found = table.Contains(name) ? table[name] : null;
            else if (map is ScriptBlock script) found = script.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", name) }, name) is var r && r.Count > 0 ? r[r.Count - 1] : null;
            if (found is PSObject o) found = o.BaseObject;
            if (found is PSCredential credential) return credential;
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
            var key = CurrentSession != null ? $"session:{CurrentSession.ComputerName}:{CurrentSession.Port}" : $"{ComputerName}:{Port}";
            if (_seen.Add(key)) return true;
            WriteWarning($"{key.Replace("session:", string.Empty)} appears more than once in the input; it is worked on once.");
            return false;
        }
    }
}
