using System.Management.Automation;
using SsmOnPrem.Client.Workflows.Fleet;
using SsmOnPrem.Commands.Completion;
using SsmOnPrem.Commands.Infrastructure;

namespace SsmOnPrem.Commands
{
    /// <summary>
    /// Which shard a device belongs to (the same answer -Shard/-ShardCount use on the fleet cmdlets), so an admin can
    /// see the split before handing shards to workers. Engine: FleetShard.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SsmShard")]
    [OutputType(typeof(ShardAssignment))]
    public sealed class GetSsmShardCommand : SsmCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Address", "IPAddress")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ComputerNameCompleter))]
        public string ComputerName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 22;

        [Parameter(Mandatory = true)]
        [ValidateRange(1, FleetShard.MaxShardCount)]
        public int ShardCount { get; set; }

        protected override void ProcessRecord()
        {
            var assignment = new ShardAssignment
            {
                ComputerName = ComputerName,
                Port = Port,
                ShardCount = ShardCount,
                Shard = FleetShard.ShardOf(ComputerName, Port, ShardCount),
                Key = FleetShard.DeviceKey(ComputerName, Port),
            };
            var wrapped = PSObject.AsPSObject(assignment);
            wrapped.TypeNames.Insert(0, "SsmOnPrem.ShardAssignment");
            WriteObject(wrapped);
        }
    }
}
