using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Workflows.Fleet;

namespace SsmOnPrem.Commands.Infrastructure
{
    /// <summary>
    /// -Shard / -ShardCount: which devices of the shared input are this worker's (a stable hash of name and port,
    /// <see cref="FleetShard"/>). Devices of other shards are dropped before anything is prepared or sent.
    /// </summary>
    public sealed class ShardFilter
    {
        private readonly int _shard;
        private readonly int _count;

        private ShardFilter(int shard, int count)
        {
            _shard = shard;
            _count = count;
        }

        /// <summary>Null when no sharding was asked for; throws (ShardParametersIncomplete, ShardOutOfRange) for a bad pair.</summary>
        public static ShardFilter From(int? shard, int? shardCount)
        {
            if (shard == null && shardCount == null) return null;
            if (shard == null || shardCount == null)
                throw new SsmOnPremException("ShardParametersIncomplete", SsmErrorKind.InvalidArgument,
                    "-Shard and -ShardCount go together.", "Give both, e.g. -Shard 0 -ShardCount 4 on the first of four workers. Nothing was sent.");
            if (shard >= shardCount)
                throw new SsmOnPremException("ShardOutOfRange", SsmErrorKind.InvalidArgument,
                    $"-Shard {shard} does not exist among {shardCount} shards (they are numbered 0 to {shardCount - 1}).", "Give -Shard from 0 to -ShardCount minus 1. Nothing was sent.");
            return new ShardFilter(shard.Value, shardCount.Value);
        }

        /// <summary>The shard a device belongs to.</summary>
        public int ShardOf(string computerName, int port) => FleetShard.ShardOf(computerName, port, _count);

        public bool IsMine(string computerName, int port) => ShardOf(computerName, port) == _shard;

        public override string ToString() => $"{_shard} of {_count}";
    }
}
