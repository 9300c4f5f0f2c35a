using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SsmOnPrem.Client.Workflows.Fleet
{
    /// <summary>
    /// One copy of each text that many results of a fleet run carry: every device of a run is sent the same lines, but
    /// the lines built per device (the URL, the masked token line) were strings of their own in each result. A run's
    /// results stay in memory until the caller lets go of them, and peak memory comes late in a run: 2,786 bytes were
    /// held per result, 2,418 with this (100 devices; docs/performance.md). Bounded, so lines that differ per device
    /// cannot make it grow with the fleet; past the bound texts are kept as they come.
    /// </summary>
    public sealed class SharedText
    {
        internal const int MaxEntries = 1024;
        private readonly ConcurrentDictionary<string, string> _pool = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The pool's copy of <paramref name="text"/> (the text itself the first time, or when the pool is full).</summary>
        public string Share(string text)
        {
            if (text == null) return null;
            if (_pool.TryGetValue(text, out var shared)) return shared;
            return _pool.Count < MaxEntries ? _pool.GetOrAdd(text, text) : text;
        }

        /// <summary>Replaces each line of <paramref name="lines"/> by the pool's copy, and drops the list's spare capacity.</summary>
        public void Share(List<string> lines)
        {
            if (lines == null) return;
            for (var i = 0; i < lines.Count; i++) lines[i] = Share(lines[i]);
            lines.TrimExcess();
        }
    }
}
