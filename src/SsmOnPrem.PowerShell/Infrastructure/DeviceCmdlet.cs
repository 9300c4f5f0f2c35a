using System.Collections.Generic;
using System.Management.Automation;
using SsmOnPrem.Client.Devices;
using SsmOnPrem.Client.Workflows.Fleet;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// Parameters of every cmdlet that works on devices given either as <c>-Session</c> (sessions from
    /// New-SsmDeviceSession, piped or given) or by the connection parameters of <see cref="DeviceConnectionCmdlet"/>,
    /// and of sharding a shared inventory (-Shard, -ShardCount; the filter is a <see cref="ShardFilter"/>).
    /// </summary>
    public abstract class DeviceCmdlet : DeviceConnectionCmdlet
    {
        protected const string SessionSet = "Session";

        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public DeviceSession[] Session { get; set; }

        /// <summary>With -ShardCount: work only on the devices whose stable hash falls in this shard (0-based).</summary>
        [Parameter]
        [ValidateRange(0, FleetShard.MaxShardCount - 1)]
        public int? Shard { get; set; }

        /// <summary>How many workers share the inventory; every worker gets the same input and its own -Shard.</summary>
        [Parameter]
        [ValidateRange(1, FleetShard.MaxShardCount)]
        public int? ShardCount { get; set; }

        private ShardFilter _shards;
        private bool _shardsRead;

        protected override ShardFilter Shards
        {
            get
            {
                if (!_shardsRead) { _shardsRead = true; _shards = ShardFilter.From(Shard, ShardCount); }
                return _shards;
            }
        }

        protected override IReadOnlyList<DeviceSession> SessionsForThisRecord =>
            ParameterSetName == SessionSet ? Session : null;
    }
}
