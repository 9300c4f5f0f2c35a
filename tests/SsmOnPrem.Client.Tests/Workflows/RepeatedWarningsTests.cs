using System.Linq;
using SsmOnPrem.Client.Workflows.Fleet;
using Xunit;

namespace SsmOnPrem.Client.Tests.Workflows
{
    public class RepeatedWarningsTests
    {
        private static string Weak(string host, int port) =>
            $"{host}:{port} negotiated weak SSH algorithms: SHA-1 (host key signature ssh-rsa). Update its SSH configuration.";

        [Fact]
        public void A_fleet_of_old_devices_gives_a_few_warnings_and_one_summary()
        {
            var warnings = new RepeatedWarnings();
            var written = Enumerable.Range(1, 1000).Count(i => warnings.ShouldWrite($"10.0.{i / 256}.{i % 256}", Weak($"10.0.{i / 256}.{i % 256}", 22)));
            Assert.Equal(RepeatedWarnings.ShownPerKind, written);
            var summary = Assert.Single(warnings.Summaries());
            Assert.StartsWith("The same warning for 997 more devices (10.0.0.4:22, 10.0.0.5:22, 10.0.0.6:22, 10.0.0.7:22, 10.0.0.8:22, ...): <device> negotiated weak SSH", summary);
        }

        [Fact]
        public void Different_warnings_and_a_small_fleet_are_written_in_full()
        {
            var warnings = new RepeatedWarnings();
            Assert.True(warnings.ShouldWrite("a", Weak("a", 22)));
            Assert.True(warnings.ShouldWrite("b", "b: the transport change is not saved: % Invalid input"));
            Assert.True(warnings.ShouldWrite("c", Weak("c", 2222)));
            Assert.True(warnings.ShouldWrite("d", Weak("d", 22)));
            Assert.Empty(warnings.Summaries());
            Assert.False(warnings.ShouldWrite("e", Weak("e", 22)));
            Assert.Equal("The same warning for 1 more device (e:22): " + Weak(RepeatedWarnings.DevicePlaceholder, 22).Replace("<device>:22", "<device>"),
                Assert.Single(warnings.Summaries()));
        }

        [Fact]
        public void A_host_name_with_regex_characters_is_taken_literally()
        {
            Assert.Equal("<device> failed", RepeatedWarnings.KindOf("edge(1)+.lab", "edge(1)+.lab:22 failed"));
            Assert.Equal("edge1.lab failed", RepeatedWarnings.KindOf("edge1+lab", "edge1.lab failed"));
        }
    }
}
