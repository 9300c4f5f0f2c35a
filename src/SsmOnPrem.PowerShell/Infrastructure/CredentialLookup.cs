using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// -CredentialMap: a hashtable (name → PSCredential) or a scriptblock that gets the name (as its argument and in $_)
    /// and returns a PSCredential; inventories name credentials (CredentialName, JumpCredentialName columns), never hold them.
    /// </summary>
    public sealed class CredentialLookup
    {
        private readonly object _map;

        public CredentialLookup(object map)
        {
            _map = map is PSObject wrapped ? wrapped.BaseObject : map;
        }

        /// <summary>The credential the map gives for <paramref name="name"/>, or null.</summary>
        public PSCredential Find(string name)
        {
            object found = null;
            if (_map is IDictionary table && name != null) found = table.Contains(name) ? table[name] : null;
            else if (_map is ScriptBlock script)
            {
                var r = script.InvokeWithContext(null, new List<PSVariable> { new PSVariable("_", name) }, name);
                found = r.Count > 0 ? r[r.Count - 1] : null;
            }
            if (found is PSObject o) found = o.BaseObject;
            return found as PSCredential;
        }
    }
}
