using System;
using System.Collections.Generic;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>A device listed twice in the input (same address and port, or the same session's device) is worked on once.</summary>
    public sealed class DuplicateInput
    {
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>True the first time this device is seen; false (and the text of a warning in <paramref name="warning"/>) after that.</summary>
        public bool FirstTime(string computerName, int port, out string warning)
        {
            warning = null;
            if (_seen.Add($"{computerName}:{port}")) return true;
            warning = $"{computerName}:{port} appears more than once in the input; it is worked on once.";
            return false;
        }
    }
}
