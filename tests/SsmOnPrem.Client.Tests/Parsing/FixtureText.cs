using System.IO;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>Reads a capture from tests/fixtures/device-outputs (copied next to the test assembly).</summary>
    internal static class FixtureText
    {
        public static string Read(string name) => File.ReadAllText(PathOf(name));

        public static string PathOf(string name) => Path.Combine(Directory, name);

        public static string Directory => Path.Combine(System.AppContext.BaseDirectory, "fixtures", "device-outputs");
    }
}
