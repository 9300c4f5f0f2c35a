using System;
using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests.Parsing
{
    internal static class CaptureAssert
    {
        public static LicenseStatus Parse(string fixture, string command = null, string platform = null) =>
            LicenseOutputParser.Parse(FixtureText.Read(fixture), command, platform);

        /// <summary>"Mar 13 08:09:24 2024" at the given offset in hours.</summary>
        public static DateTimeOffset At(string text, double offsetHours = 0) =>
            new DateTimeOffset(DateTime.ParseExact(text, "MMM dd HH:mm:ss yyyy", System.Globalization.CultureInfo.InvariantCulture),
                TimeSpan.FromMinutes(offsetHours * 60));

        public static void Date(string expected, DateTimeOffset? actual, double offsetHours = 0)
        {
            Assert.True(actual.HasValue, "expected a date " + expected);
            var want = At(expected, offsetHours);
            Assert.Equal(want, actual.Value);
            Assert.Equal(want.Offset, actual.Value.Offset);
        }

        public static void Udi(string pid, string sn, Udi udi)
        {
            Assert.NotNull(udi);
            Assert.Equal(pid, udi.Pid);
            Assert.Equal(sn, udi.SerialNumber);
        }

        public static void License(LicenseUsage l, string name, string tag, int? count, string status)
        {
            Assert.Equal(name, l.Name);
            Assert.Equal(tag, l.EntitlementTag);
            Assert.Equal(count, l.Count);
            Assert.Equal(status, l.Status);
        }
    }
}
