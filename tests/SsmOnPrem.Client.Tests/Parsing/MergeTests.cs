using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SsmOnPrem.Client.Parsing;
using Xunit;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>Several outputs of one device into one status (what Get-SsmLicenseStatus does on a live device).</summary>
    public class MergeTests
    {
        [Fact]
        public void StatusUdiAndSummaryOfOneDevice()
        {
            var s = LicenseOutputParser.ParseMany(new (string, string)[]
            {
                ("show license status", FixtureText.Read("iosxe17_show-license-status_slp-cslu-acked.txt")),
                ("show license udi", FixtureText.Read("iosxe17_show-license-udi_ha-stack.txt")),
                ("show license summary", FixtureText.Read("iosxe17_show-license-summary_slp-account-none.txt")),
            });
            Assert.Equal(LicensingMode.SmartLicensingUsingPolicy, s.Mode);
            Assert.Equal(RegistrationStatus.NotApplicable, s.RegistrationStatus);
            Assert.Equal("SA-Switching-Polaris", s.SmartAccount);                // from status; the summary's <none> does not erase it
            Assert.Equal(TransportType.Cslu, s.TransportType);
            Assert.NotNull(s.LastAckReceived);
            Assert.Equal("FOC2705Y8X0", s.Udi.SerialNumber);                     // from udi
            Assert.Equal(4, s.HaUdis.Count);
            Assert.Equal(4, s.Licenses.Count);                                    // from summary
            Assert.Equal("IOS-XE", s.Platform);
            Assert.Equal("show license status; show license udi; show license summary", s.Command);
        }

        [Fact]
        public void FirstValueWinsAndInputsAreNotChanged()
        {
            var a = new LicenseStatus { RegistrationStatus = RegistrationStatus.Registered, SmartAccount = "A" };
            var b = new LicenseStatus { RegistrationStatus = RegistrationStatus.Failed, SmartAccount = "B", VirtualAccount = "VB" };
            b.Warnings.Add("w");
            var m = LicenseOutputParser.Merge(a, b);
            Assert.Equal(RegistrationStatus.Registered, m.RegistrationStatus);
            Assert.Equal("A", m.SmartAccount);
            Assert.Equal("VB", m.VirtualAccount);
            Assert.Equal(new[] { "w" }, m.Warnings);
            Assert.Null(a.VirtualAccount);
        }

        [Fact]
        public void OutputsThatAreNotLicenseOutputAreSkippedWithAWarning()
        {
            var s = LicenseOutputParser.ParseMany(new (string, string)[]
            {
                ("show license status", FixtureText.Read("iosxe16_show-license-status_registered.txt")),
                ("show license udi", "% Invalid input detected at '^' marker."),
            });
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Contains(s.Warnings, w => w.Contains("'show license udi'"));
            Assert.Throws<NotLicenseOutputException>(() => LicenseOutputParser.ParseMany(new (string, string)[] { (null, "hello") }));
        }
        // Merge copies single-valued properties one by one (LicenseStatusFill, written out for speed): every writable
        // single-valued property must be there, be taken from a later status when empty, and not overwrite a value.
        public static IEnumerable<object[]> SingleValuedProperties() =>
            typeof(LicenseStatus).GetProperties()
                .Where(p => p.CanWrite && p.Name != nameof(LicenseStatus.Command)
                            && !(p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>)))
                .Select(p => new object[] { p.Name });

        [Theory]
        [MemberData(nameof(SingleValuedProperties))]
        public void EverySingleValuedPropertyIsFilledFromALaterStatusAndNeverOverwritten(string name)
        {
            var property = typeof(LicenseStatus).GetProperty(name);
            var (first, second) = TwoValues(property.PropertyType);
            var later = new LicenseStatus();
            property.SetValue(later, second);
            Assert.Equal(second, property.GetValue(LicenseOutputParser.Merge(new LicenseStatus(), later)));
            var earlier = new LicenseStatus();
            property.SetValue(earlier, first);
            Assert.Equal(first, property.GetValue(LicenseOutputParser.Merge(earlier, later)));
        }

        [Fact]
        public void UnknownAndEmptyCountAsNoValue()
        {
            var a = new LicenseStatus { InitialRegistrationResult = AttemptResult.Unknown, SmartAccount = "", TransportType = TransportType.Unknown };
            var b = new LicenseStatus { InitialRegistrationResult = AttemptResult.Failed, SmartAccount = "B", TransportType = TransportType.Smart };
            var m = LicenseOutputParser.Merge(a, b);
            Assert.Equal(AttemptResult.Failed, m.InitialRegistrationResult);
            Assert.Equal("B", m.SmartAccount);
            Assert.Equal(TransportType.Smart, m.TransportType);
            Assert.Null(LicenseOutputParser.Merge(new LicenseStatus(), new LicenseStatus { PolicyName = "" }).PolicyName);
        }

        private static (object, object) TwoValues(Type type)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            if (t == typeof(string)) return ("first", "second");
            if (t.IsEnum) { var v = Enum.GetValues(t); return (v.GetValue(1), v.GetValue(2)); }
            if (t == typeof(bool)) return (true, false);
            if (t == typeof(int)) return (1, 2);
            if (t == typeof(DateTimeOffset)) return (new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
            if (t == typeof(TimeSpan)) return (TimeSpan.FromHours(1), TimeSpan.FromHours(2));
            if (t == typeof(Udi)) return (new Udi { SerialNumber = "A" }, new Udi { SerialNumber = "B" });
            throw new InvalidOperationException($"No test values for {type}: add them here and the property to LicenseStatusFill.");
        }
    }
}
