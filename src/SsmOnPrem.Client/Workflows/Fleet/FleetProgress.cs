using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace SsmOnPrem.Client.Workflows.Fleet
{
    /// <summary>
    /// Where a fleet run stands: how many devices finished (ok, failed), how many remain, and at which stage each
    /// remaining device is (queued for a worker, Connect, then the stages the work reports, e.g. the registration's
    /// Identify, Transport, Connectivity, Register, Wait, Verify). Workers move their device between stages from any
    /// thread; the pipeline thread reads a <see cref="Snapshot"/> for Write-Progress and the information-stream summary.
    /// </summary>
    public sealed class FleetProgress
    {
        /// <summary>A device waiting for a free worker (-ThrottleLimit).</summary>
        public const string Queued = "Queued";
        /// <summary>Opening the SSH session.</summary>
        public const string Connect = "Connect";
        /// <summary>Connected, working (for cmdlets whose work reports no stages of its own).</summary>
        public const string Working = "Working";

        // The order stages are listed in: the path of one device through a registration (docs/ARCHITECTURE.md).
        private static readonly string[] StageOrder =
            new[] { Queued, Connect }.Concat(Enum.GetNames(typeof(RegistrationStage)).Where(n => n != Connect)).Concat(new[] { Working }).ToArray();

        private readonly object _gate = new object();
        private readonly Dictionary<int, string> _stageOf = new Dictionary<int, string>();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _nextId;
        private int _succeeded;
        private int _failed;

        /// <summary>Counts a new device (queued) and returns its id for <see cref="MoveTo"/> and <see cref="Finish"/>.</summary>
        public int Add()
        {
            lock (_gate)
            {
                var id = ++_nextId;
                _stageOf[id] = Queued;
                return id;
            }
        }

        /// <summary>The device reached <paramref name="stage"/> (ignored once it finished).</summary>
        public void MoveTo(int id, string stage)
        {
            if (string.IsNullOrEmpty(stage)) return;
            lock (_gate) if (_stageOf.ContainsKey(id)) _stageOf[id] = stage;
        }

        /// <summary>The device is done (counted once, however often it is called).</summary>
        public void Finish(int id, bool failed)
        {
            lock (_gate)
            {
                if (!_stageOf.Remove(id)) return;
                if (failed) _failed++; else _succeeded++;
            }
        }

        public FleetProgressSnapshot Snapshot()
        {
            lock (_gate)
            {
                var stages = _stageOf.Values.GroupBy(s => s, StringComparer.Ordinal)
                    .OrderBy(g => Array.IndexOf(StageOrder, g.Key) is int i && i >= 0 ? i : StageOrder.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new KeyValuePair<string, int>(g.Key, g.Count())).ToList();
                return new FleetProgressSnapshot(_nextId, _succeeded, _failed, stages, _clock.Elapsed);
            }
        }
    }

    /// <summary>One moment of a fleet run, and the text a person reads for it (Write-Progress and the information stream).</summary>
    public sealed class FleetProgressSnapshot
    {
        internal FleetProgressSnapshot(int total, int succeeded, int failed, IReadOnlyList<KeyValuePair<string, int>> stages, TimeSpan elapsed)
        {
            Total = total;
            Succeeded = succeeded;
            Failed = failed;
            Stages = stages;
            Elapsed = elapsed;
        }

        /// <summary>Devices handed to the run so far (with streamed input, this grows while devices arrive).</summary>
        public int Total { get; }
        public int Succeeded { get; }
        public int Failed { get; }
        public int Finished => Succeeded + Failed;
        public int Remaining => Total - Finished;
        /// <summary>Remaining devices per stage, in the order a device passes them; the counts add up to <see cref="Remaining"/>.</summary>
        public IReadOnlyList<KeyValuePair<string, int>> Stages { get; }
        public TimeSpan Elapsed { get; }

        public int PercentComplete => Total == 0 ? 0 : Math.Min(100, 100 * Finished / Total);

        /// <summary>"12 of 40 finished (9 ok, 3 failed), 28 remaining".</summary>
        public string StatusText => string.Format(CultureInfo.InvariantCulture, "{0} of {1} finished ({2} ok, {3} failed), {4} remaining",
            Finished, Total, Succeeded, Failed, Remaining);

        /// <summary>"Queued 8, Connect 4, Register 6, Wait 10" (empty when nothing remains).</summary>
        public string StageText => string.Join(", ", Stages.Select(s => string.Format(CultureInfo.InvariantCulture, "{0} {1}", s.Key, s.Value)));

        /// <summary>The one-line summary written every -ProgressInterval seconds where no progress bar is shown.</summary>
        public string SummaryLine(string activity) =>
            string.Format(CultureInfo.InvariantCulture, "{0}: {1}{2}; {3:hh\\:mm\\:ss} elapsed",
                activity, StatusText, Stages.Count > 0 ? "; at " + StageText : string.Empty, Elapsed);
    }
}
