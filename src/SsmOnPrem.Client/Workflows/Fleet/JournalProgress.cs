using System;
using System.Collections.Generic;

namespace SsmOnPrem.Client.Workflows.Fleet
{
    /// <summary>
    /// Which devices an earlier run (its <see cref="ResultJournal"/>) finished, so a rerun skips them. Finished means an
    /// outcome that needs nothing more: Registered, AlreadyRegistered, Reported. Failed and Skipped are tried again, and
    /// so is Submitted (-Wait:$false): the rerun looks at the device again, and one registered meanwhile comes back
    /// AlreadyRegistered with nothing sent.
    /// </summary>
    public sealed class JournalProgress
    {
        private readonly Dictionary<string, string> _finished = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        private JournalProgress() { }

        public static JournalProgress From(ResultJournal journal)
        {
            var progress = new JournalProgress();
            if (journal == null) return progress;
            foreach (var entry in journal.ExistingEntriesAsText())
            {
                entry.TryGetValue("Status", out var status);
                if (!IsFinished(status)) continue;
                entry.TryGetValue("ComputerName", out var name);
                entry.TryGetValue("Port", out var port);
                progress._finished[Key(name, port)] = status;   // the last entry of a device wins
            }
            return progress;
        }

        public static bool IsFinished(string status) =>
            status == nameof(RegistrationOutcome.Registered) || status == nameof(RegistrationOutcome.AlreadyRegistered)
            || status == nameof(RegistrationOutcome.Reported);

        /// <summary>True when the journal holds a finished outcome for this device (its status in <paramref name="status"/>).</summary>
        public bool IsDone(string computerName, int port, out string status) =>
            _finished.TryGetValue(Key(computerName, port.ToString(System.Globalization.CultureInfo.InvariantCulture)), out status);

        public int Count => _finished.Count;

        private static string Key(string name, string port) => $"{name}:{port}";
    }
}
