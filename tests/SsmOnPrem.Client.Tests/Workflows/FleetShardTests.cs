using System;
using System.Linq;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    public class FleetShardTests
    {
        // Expected values computed independently (FNV-1a 32-bit reference; "a" → 0xE40C292C is the published test vector),
        // so the same numbers must come out on .NET Framework (Windows PowerShell 5.1) and .NET (PowerShell 7).
        [Theory]
        [InlineData("", 2166136261u)]
        [InlineData("a", 3826002220u)]
        [InlineData("sw1.example.com", 3584353465u)]
        [InlineData("127.0.0.1:40022", 2254396468u)]
        [InlineData("zürich-core-1", 2165411814u)]
        public void StableHash_is_FNV1a_over_UTF8(string key, uint expected) => Assert.Equal(expected, FleetShard.StableHash(key));

        [Fact]
        public void Key_ignores_case_and_spaces_and_adds_only_a_non_default_port()
        {
            Assert.Equal("sw1.example.com", FleetShard.DeviceKey("  SW1.Example.COM ", 22));
            Assert.Equal("127.0.0.1:40022", FleetShard.DeviceKey("127.0.0.1", 40022));
            Assert.Equal(FleetShard.ShardOf("SW1.example.com", 22, 4), FleetShard.ShardOf("sw1.example.com ", 22, 4));
            Assert.Equal(1, FleetShard.ShardOf("sw1.example.com", 22, 4));
            Assert.Equal(0, FleetShard.ShardOf("127.0.0.1", 40022, 4));
        }

        [Fact]
        public void Shards_cover_every_device_once_and_are_roughly_even()
        {
            var devices = Enumerable.Range(0, 10000).Select(i => ($"10.{i / 65536}.{i / 256 % 256}.{i % 256}", 22)).ToList();
            var counts = new int[8];
            foreach (var (name, port) in devices) counts[FleetShard.ShardOf(name, port, 8)]++;
            Assert.Equal(10000, counts.Sum());
            Assert.All(counts, c => Assert.InRange(c, 1000, 1500));   // 1250 each if perfectly even
        }

        [Theory]
        [InlineData(0)]
        [InlineData(-1)]
        [InlineData(10001)]
        public void Refuses_a_shard_count_out_of_range(int count) =>
            Assert.Throws<ArgumentOutOfRangeException>(() => FleetShard.ShardOf("sw1", 22, count));
    }
}
