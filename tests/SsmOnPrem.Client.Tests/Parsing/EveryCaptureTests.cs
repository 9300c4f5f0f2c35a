using System.Collections.Generic;
using System.IO;
using System.Linq;
using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>Guards over the whole fixture folder: every capture keeps its source, parses, and is named after a command we detect.</summary>
    public class EveryCaptureTests
    {
        public static IEnumerable<object[]> Captures() =>
            Directory.GetFiles(FixtureText.Directory, "*.txt").Select(p => new object[] { Path.GetFileName(p) });

        [Fact]
        public void AllSharedCapturesAreHere()
        {
            Assert.True(Captures().Count() >= 51, "copy every capture of /work/shared/device-outputs into tests/fixtures/device-outputs");
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void KeepsItsSourceLine(string fixture)
        {
            Assert.StartsWith("# source:", File.ReadLines(FixtureText.PathOf(fixture)).First());
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void ParsesWithACommandAndWithoutUnknownStatus(string fixture)
        {
            var s = LicenseOutputParser.Parse(FixtureText.Read(fixture));
            Assert.NotNull(s.Command);
            Assert.DoesNotContain(s.Warnings, w => w.Contains("unknown") || w.Contains("not a date"));
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void CrlfGivesTheSameResultAsLf(string fixture)
        {
            var lf = FixtureText.Read(fixture).Replace("\r\n", "\n");
            var a = LicenseOutputParser.Parse(lf);
            var b = LicenseOutputParser.Parse(lf.Replace("\n", "\r\n"));
            Assert.Equal(Newtonsoft.Json.JsonConvert.SerializeObject(a), Newtonsoft.Json.JsonConvert.SerializeObject(b));
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void SurvivesTruncationAtAnyThirdWithoutThrowingOnLicenseText(string fixture)
        {
            var text = FixtureText.Read(fixture);
            foreach (var cut in new[] { text.Length / 3, text.Length * 2 / 3 })
            {
                var part = text.Substring(0, cut);
                try { LicenseOutputParser.Parse(part); }
                catch (NotLicenseOutputException) { Assert.DoesNotContain("icens", part.Substring(part.IndexOf('\n') + 1)); }
            }
        }
    }
}
