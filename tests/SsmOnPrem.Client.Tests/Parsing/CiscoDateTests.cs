using System;
using SsmOnPrem.Client.Parsing.Text;
using Xunit;

namespace SsmOnPrem.Client.Tests.Parsing
{
    public class CiscoDateTests
    {
        [Theory]
        [InlineData("Mar 13 08:09:24 2024 UTC", "2024-03-13T08:09:24+00:00")]
        [InlineData("Jan 05 2023 12:19:01 UTC", "2023-01-05T12:19:01+00:00")]           // ASA: year before the time
        [InlineData("Dec 18 11:02:51 2023 PDT", "2023-12-18T11:02:51-07:00")]
        [InlineData("Aug 03 09:03:25 2024 est", "2024-08-03T09:03:25-05:00")]           // lower case zone
        [InlineData("Jan 30 06:27:46 2025 IST", "2025-01-30T06:27:46+05:30")]
        [InlineData("Mar 31 17:29:43 2024 CST", "2024-03-31T17:29:43-06:00")]
        [InlineData("Jul 1 02:03:04 2024 CEST", "2024-07-01T02:03:04+02:00")]
        [InlineData("Feb 29 13:21:17 2024 UTC", "2024-02-29T13:21:17+00:00")]
        [InlineData("2021-11-17 03:31:32.920 UTC", "2021-11-17T03:31:32.92+00:00")]
        [InlineData("Wed Jun 22 16:14:37 2022 UTC", "2022-06-22T16:14:37+00:00")]
        [InlineData("Apr 23 15:28:43 2025 IST    Valid on Apr 23 15:23:40 2025 IST", "2025-04-23T15:28:43+05:30")]
        [InlineData("Mar 13 08:09:24 2024 +05:30", "2024-03-13T08:09:24+05:30")]
        [InlineData("Mar 13 08:09:24 2024 UTC-8", "2024-03-13T08:09:24-08:00")]
        public void Converts(string printed, string expected)
        {
            Assert.Equal(CiscoDate.Outcome.Converted, CiscoDate.TryParse(printed, out var date));
            var want = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(want, date);
            Assert.Equal(want.Offset, date.Offset);
        }

        [Theory]
        [InlineData("Mar 13 08:09:24 2024 XYZ")]
        [InlineData("Mar 13 08:09:24 2024")]
        public void UnknownOrMissingZoneIsNotGuessed(string printed)
        {
            Assert.Equal(CiscoDate.Outcome.UnknownZone, CiscoDate.TryParse(printed, out _));
        }

        [Theory]
        [InlineData("SUCCEEDED")]
        [InlineData("Feb 30 08:09:24 2024 UTC")]
        [InlineData("Mar 13 2024 UTC")]
        [InlineData("")]
        [InlineData(null)]
        public void NotADate(string printed)
        {
            Assert.Equal(CiscoDate.Outcome.NotADate, CiscoDate.TryParse(printed, out _));
        }
    }
}
