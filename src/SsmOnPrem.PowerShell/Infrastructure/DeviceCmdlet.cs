using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Workflows.Fleet;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet that works on devices: either <c>-Session</c> (sessions from New-SsmDeviceSession, piped
    /// or given) or the connection parameters of <see cref="DeviceConnectionCmdlet"/>, in which case the cmdlet opens
    /// its own session per device and closes it when done. Adds <c>-ThrottleLimit</c> for fan-out.
    /// </summary>
    public abstract class DeviceCmdlet : DeviceConnectionCmdlet
    {
        protected const string SessionSet = "Session";

        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public DeviceSession[] Session { get; set; }

        /// <summary>Devices worked on at the same time (each on its own thread).</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 16;

        protected override int Throttle => ThrottleLimit;

        /// <summary>With -ShardCount: work only on the devices whose stable hash falls in this shard (0-based).</summary>
        [Parameter]
        [ValidateRange(0, FleetShard.MaxShardCount - 1)]
        public int? Shard { get; set; }

        /// <summary>How many workers share the inventory; every worker gets the same input and its own -Shard.</summary>
        [Parameter]
        [ValidateRange(1, FleetShard.MaxShardCount)]
        public int? ShardCount { get; set; }

        private bool _shardChecked;

        /// <summary>Drops the devices of other shards before anything is prepared or sent (they are not this worker's).</summary>
        protected override void ProcessRecord()
        {
            if (ShardCount == null && Shard == null) { base.ProcessRecord(); return; }
            if (!_shardChecked)
            {
                _shardChecked = true;
                if (Shard == null || ShardCount == null)
                    ThrowSsmError(new SsmOnPremException("ShardParametersIncomplete", SsmErrorKind.InvalidArgument,
                        "-Shard and -ShardCount go together.", "Give both, e.g. -Shard 0 -ShardCount 4 on the first of four workers. Nothing was sent."));
                if (Shard >= ShardCount)
                    ThrowSsmError(new SsmOnPremException("ShardOutOfRange", SsmErrorKind.InvalidArgument,
                        $"-Shard {Shard} does not exist among {ShardCount} shards (they are numbered 0 to {ShardCount - 1}).", "Give -Shard from 0 to -ShardCount minus 1. Nothing was sent."));
            }
            if (ParameterSetName == SessionSet)
            {
                var mine = Session?.Where(s => s != null && FleetShard.ShardOf(s.ComputerName, s.Port, ShardCount.Value) == Shard.Value).ToArray();
                if (mine == null || mine.Length == 0) return;
                Session = mine;
            }
            else if (FleetShard.ShardOf(ComputerName, Port, ShardCount.Value) != Shard.Value)
            {
                WriteDebug($"{ComputerName}:{Port} belongs to shard {FleetShard.ShardOf(ComputerName, Port, ShardCount.Value)} of {ShardCount}; not this worker's ({Shard}).");
                return;
            }
            base.ProcessRecord();
        }

        protected override IReadOnlyList<DeviceSession> SessionsForThisRecord =>
            ParameterSetName == SessionSet ? Session : null;
    }
}
