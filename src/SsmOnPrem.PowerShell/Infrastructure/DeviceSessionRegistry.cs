using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using SsmOnPrem.Client.Devices;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Sessions belong to the runspace that opened them (Get-SsmDeviceSession lists them, Remove-SsmDeviceSession closes
    /// them); when the runspace closes, its sessions are closed too. Call only from the pipeline thread.
    /// </summary>
    internal static class DeviceSessionRegistry
    {
        private static readonly ConcurrentDictionary<Guid, List<DeviceSession>> ByRunspace = new ConcurrentDictionary<Guid, List<DeviceSession>>();

        public static void Add(DeviceSession session)
        {
            var runspace = Runspace.DefaultRunspace;
            var key = runspace?.InstanceId ?? Guid.Empty;
            var list = ByRunspace.GetOrAdd(key, k =>
            {
                if (runspace != null) runspace.StateChanged += OnRunspaceStateChanged;
                return new List<DeviceSession>();
            });
            lock (list) list.Add(session);
        }

        public static IReadOnlyList<DeviceSession> All()
        {
            if (!ByRunspace.TryGetValue(Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty, out var list)) return Array.Empty<DeviceSession>();
            lock (list) return list.ToList();
        }

        public static void Remove(DeviceSession session)
        {
            if (!ByRunspace.TryGetValue(Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty, out var list)) return;
            lock (list) list.Remove(session);
        }

        private static void OnRunspaceStateChanged(object sender, RunspaceStateEventArgs e)
        {
            if (e.RunspaceStateInfo.State != RunspaceState.Closed && e.RunspaceStateInfo.State != RunspaceState.Broken) return;
            if (!(sender is Runspace runspace) || !ByRunspace.TryRemove(runspace.InstanceId, out var list)) return;
            runspace.StateChanged -= OnRunspaceStateChanged;
            lock (list) foreach (var s in list) s.Close();
        }
    }
}
