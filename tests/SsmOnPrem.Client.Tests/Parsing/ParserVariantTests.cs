using System;
using System.Linq;
using System.Text;
using SsmOnPrem.Client.Parsing;
using Xunit;
using static SsmOnPrem.Client.Tests.Parsing.CaptureAssert;

namespace SsmOnPrem.Client.Tests.Parsing
{
    /// <summary>What the captures do not show: failures, noise, prompts of other platforms, broken and huge input.</summary>
    public class ParserVariantTests
    {
        private static string Registered => FixtureText.Read("iosxe16_show-license-status_registered.txt");

        [Fact]
        public void RegisteredIosXeCaptureParsesAsRegistered()   // foundation test, kept
        {
            Assert.Equal(RegistrationStatus.Registered, LicenseOutputParser.Parse(Registered).RegistrationStatus);
        }

        [Theory]
        [InlineData("Building configuration...\nend\n")]
        [InlineData("hello world")]
        [InlineData("")]
        [InlineData("Router#show ip interface brief\nInterface  IP-Address  OK? Method Status  Protocol\nGi1  10.0.0.1  YES manual up  up\nRouter#")]
        public void TextThatIsNotLicenseOutputIsRefused(string text)   // foundation test, kept
        {
            var ex = Assert.Throws<NotLicenseOutputException>(() => LicenseOutputParser.Parse(text));
            Assert.Equal("NotLicenseOutput", ex.ErrorId);
            Assert.Equal(Client.Common.SsmErrorKind.InvalidData, ex.Kind);
            Assert.Contains("show license", ex.Message);                    // says what was expected
        }

        [Fact]
        public void RenewalFailureReasonOnIosXe()
        {
            var text = Registered.Replace("Last Renewal Attempt: None",
                "Last Renewal Attempt: FAILED on Sep 09 08:09:23 2024 UTC\n    Failure reason: Fail to send out Call Home HTTP message.");
            var s = LicenseOutputParser.Parse(text);
            Assert.Equal(AttemptResult.Failed, s.LastRenewalResult);
            Date("Sep 09 08:09:23 2024", s.LastRenewalAttempt);
            Assert.Equal("Fail to send out Call Home HTTP message.", s.RegistrationFailureReason);
            Assert.Null(s.AuthorizationFailureReason);
        }

        [Theory]
        [InlineData("REGISTRATION IN PROGRESS", RegistrationStatus.InProgress)]
        [InlineData("REGISTERING - REGISTRATION IN PROGRESS", RegistrationStatus.InProgress)]
        [InlineData("RETRY", RegistrationStatus.Retry)]
        [InlineData("REGISTERED - RETRY", RegistrationStatus.Retry)]
        [InlineData("FAILED", RegistrationStatus.Failed)]
        [InlineData("UNREGISTERED", RegistrationStatus.Unregistered)]
        [InlineData("Registered", RegistrationStatus.Registered)]
        public void RegistrationStates(string printed, RegistrationStatus expected)
        {
            var s = LicenseOutputParser.Parse(Registered.Replace("  Status: REGISTERED", "  Status: " + printed));
            Assert.Equal(expected, s.RegistrationStatus);
            Assert.Equal(printed, s.RegistrationStatusText);
        }

        [Theory]
        [InlineData("AUTHORIZED on Mar 13 08:09:28 2024 UTC", AuthorizationStatus.Authorized)]
        [InlineData("OUT OF COMPLIANCE", AuthorizationStatus.OutOfCompliance)]
        [InlineData("EVAL MODE", AuthorizationStatus.EvalMode)]
        [InlineData("EVAL EXPIRED", AuthorizationStatus.EvalExpired)]
        [InlineData("AUTHORIZATION EXPIRED on Mar 13 08:09:28 2024 UTC", AuthorizationStatus.AuthorizationExpired)]
        [InlineData("AUTHORIZED - RESERVED", AuthorizationStatus.AuthorizedReservation)]
        [InlineData("No Licenses in Use", AuthorizationStatus.NoLicensesInUse)]
        public void AuthorizationStates(string printed, AuthorizationStatus expected)
        {
            var s = LicenseOutputParser.Parse(Registered.Replace("  Status: AUTHORIZED on Mar 13 08:09:28 2024 UTC", "  Status: " + printed));
            Assert.Equal(expected, s.AuthorizationStatus);
        }

        [Fact]
        public void UnfamiliarStatusWordsBecomeWarningsNotErrors()
        {
            var text = Registered.Replace("  Status: REGISTERED", "  Status: QUANTUM ENTANGLED")
                                 .Replace("Type: Callhome", "Type: Carrier Pigeon")
                                 .Replace("Registration Expires: Mar 13 08:04:56 2025 UTC", "Registration Expires: Mar 13 08:04:56 2025 XYZ");
            var s = LicenseOutputParser.Parse(text);
            Assert.Equal(RegistrationStatus.Unknown, s.RegistrationStatus);
            Assert.Equal("QUANTUM ENTANGLED", s.RegistrationStatusText);
            Assert.Equal(TransportType.Unknown, s.TransportType);
            Assert.Null(s.RegistrationExpires);
            Assert.Equal(3, s.Warnings.Count);
            Assert.Contains(s.Warnings, w => w.Contains("unknown registration status") && w.Contains("line "));
            Assert.Contains(s.Warnings, w => w.Contains("unknown transport type"));
            Assert.Contains(s.Warnings, w => w.Contains("time zone"));
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);   // the rest is still read
        }

        [Fact]
        public void HeaderNoiseEchoAndPromptsAreIgnored()
        {
            var text = "c1000v-5#show license status\r\nLoad for five secs: 1%/0%; one minute: 0%; five minutes: 0%\r\n" +
                       "Time source is NTP, 15:09:55.102 UTC Wed Nov 10 2021\r\n\r\n" +
                       Registered.Substring(Registered.IndexOf("Smart Licensing is", StringComparison.Ordinal)).Replace("\n", "\r\n");
            var s = LicenseOutputParser.Parse(text);
            Assert.Equal(LicenseCommands.ShowLicenseStatus, s.Command);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void SyslogInterleavedGluedToPromptAndAfterMoreIsSeparated()
        {
            var body = Registered;
            body = body.Replace("Registration:\n",
                "*Mar 13 08:09:24.123: %SMART_LIC-6-AGENT_REG_SUCCESS: Smart Agent for Licensing Registration with the Cisco Smart Software Manager (CSSM) for udi PID:CSR1000V,SN:9NZ7O74FICQ\n" +
                " --More-- \b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bRegistration:\n");
            body = body.Replace("Transport:\n", " --More-- *Mar 13 08:09:25.000: %SMART_LIC-5-COMM_RESTORED: Communications with the Cisco Smart Software Manager (CSSM) restored\nTransport:\n");
            body = body.TrimEnd() + "*Mar 13 08:09:26.000: %SMART_LIC-6-AUTH_RENEW_SUCCESS: Authorization renewal with the Cisco Smart Software Manager (CSSM) : succeeded\n";
            var s = LicenseOutputParser.Parse(body);   // (Transport comes before Registration in this capture)
            Assert.Equal(LicenseCommands.ShowLicenseStatus, s.Command);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.Authorized, s.AuthorizationStatus);
            Assert.Equal(TransportType.Callhome, s.TransportType);
            Assert.Equal("Cisco Systems, TAC", s.SmartAccount);
            Assert.Equal(new[] { "COMM_RESTORED", "AGENT_REG_SUCCESS", "AUTH_RENEW_SUCCESS" }, s.SyslogMessages.Select(m => m.Mnemonic));
            Assert.Equal("c1000v-5#", s.SyslogMessages[2].Prefix);
            Assert.Empty(s.Warnings);
        }

        [Fact]
        public void SessionTranscriptWithSeveralCommandsUsesTheLicenseOne()
        {
            var text = "c9300#terminal length 0\nc9300#terminal width 511\nc9300#show license summary\n" +
                       FixtureText.Read("iosxe17_show-license-summary_slp-router.txt") + "\nc9300#";
            var s = LicenseOutputParser.Parse(text);
            Assert.Equal(LicenseCommands.ShowLicenseSummary, s.Command);
            Assert.Equal(3, s.Licenses.Count);
        }

        [Fact]
        public void NxOsPromptAndEchoWithAbbreviatedCommand()
        {
            var text = "switch# sh lic stat\n" + FixtureText.Read("nxos9_show-license-status_registered-partial.txt").Split(new[] { "switch# show license status\n" }, StringSplitOptions.None)[1] + "switch# ";
            var s = LicenseOutputParser.Parse(text, platformHint: "nxos");
            Assert.Equal(LicenseCommands.ShowLicenseStatus, s.Command);
            Assert.Equal("NX-OS", s.Platform);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
        }

        [Fact]
        public void IosXrPromptNamesThePlatform()
        {
            var text = "RP/0/RSP0/CPU0:xr-1#show license all\n" + FixtureText.Read("iosxe16_show-license-all_registered.txt").Replace("CSR1000V", "NCS-5501") + "\nRP/0/RSP0/CPU0:xr-1#";
            var s = LicenseOutputParser.Parse(text);
            Assert.Equal(LicenseCommands.ShowLicenseAll, s.Command);
            Assert.Equal("IOS-XR", s.Platform);
            Udi("NCS-5501", "9NZ7O74FICQ", s.Udi);
        }

        [Fact]
        public void CommandHintWinsAndUnknownHintIsAWarning()
        {
            var udi = "UDI: PID:C9300-24T,SN:FOC1234X0AB\n";
            Assert.Equal(LicenseCommands.ShowLicenseUdi, LicenseOutputParser.Parse(udi, "show license udi").Command);
            var s = LicenseOutputParser.Parse(udi, "show clock");
            Assert.Equal(LicenseCommands.ShowLicenseUdi, s.Command);
            Assert.Contains(s.Warnings, w => w.Contains("'show clock'"));
            Udi("C9300-24T", "FOC1234X0AB", s.Udi);
        }

        [Fact]
        public void TruncatedMidLineStillGivesWhatItHas()
        {
            var text = Registered.Substring(0, Registered.IndexOf("  Status: AUTHORIZED", StringComparison.Ordinal) + "  Status: AUTHOR".Length);
            var s = LicenseOutputParser.Parse(text);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(AuthorizationStatus.Unknown, s.AuthorizationStatus);
            Assert.Contains(s.Warnings, w => w.Contains("unknown authorization status"));
        }

        [Fact]
        public void ShowLicenseAllCutBeforeProductInformationSaysSo()
        {
            var all = FixtureText.Read("iosxe16_show-license-all_registered.txt");
            var s = LicenseOutputParser.Parse(all.Substring(0, all.IndexOf("Product Information", StringComparison.Ordinal)));
            Assert.Equal(LicenseCommands.ShowLicenseAll, s.Command);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Contains("without a UDI", Assert.Single(s.Warnings));
        }

        [Fact]
        public void BinaryJunkNeverThrowsAnythingElse()
        {
            var random = new Random(42);
            for (int round = 0; round < 50; round++)
            {
                var bytes = new byte[2000];
                random.NextBytes(bytes);
                var junk = Encoding.UTF8.GetString(bytes);
                try { LicenseOutputParser.Parse(junk); } catch (NotLicenseOutputException) { }
                // junk around a real output: the output still parses
                var s = LicenseOutputParser.Parse(junk.Replace("\n", " ").Replace("\r", " ") + "\n" + Registered + "\n\0\u0007" + junk);
                Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            }
        }

        [Fact]
        public void SecretsTypedAtThePromptDoNotComeBack()
        {
            var s = LicenseOutputParser.Parse("Router#license smart register idtoken NjU5ZjQ1ZTktOGRkZi00 force\nRegistration process is in progress. Use the 'show license status' command to check the progress and result\nRouter#");
            Assert.Equal(LicenseCommands.LicenseSmartRegister, s.Command);
            Assert.Equal(RegistrationStatus.InProgress, s.RegistrationStatus);
            Assert.DoesNotContain("NjU5ZjQ1ZTktOGRkZi00", Newtonsoft.Json.JsonConvert.SerializeObject(s));
        }

        [Fact]
        public void OneMegabyteLineFinishes()
        {
            var hugeLabel = "  Smart Account: " + new string('x', 1 << 20);
            var hugeColons = new string(':', 1 << 19) + new string(' ', 1 << 19);
            var hugePercent = string.Concat(Enumerable.Repeat("%A-1-B", 1 << 17)) + ": x";
            var text = Registered.Replace("  Smart Account: Cisco Systems, TAC", hugeLabel + "\n" + hugeColons + "\n" + hugePercent);
            var s = LicenseOutputParser.Parse(text);
            Assert.Equal(RegistrationStatus.Registered, s.RegistrationStatus);
            Assert.Equal(1 << 20, s.SmartAccount.Length);

            var single = "Smart Licensing Status: REGISTERED/AUTHORIZED " + new string('=', 1 << 20);
            Assert.Equal(RegistrationStatus.Registered, LicenseOutputParser.Parse(single).RegistrationStatus);
        }

        [Fact]
        public void FiftyMegabytesOfConcatenatedOutputsFinish()
        {
            var one = FixtureText.Read("iosxe17_show-license-all_slp-cslu-onprem-acked.txt");
            var sb = new StringBuilder(50 * 1024 * 1024 + one.Length);
            while (sb.Length < 50 * 1024 * 1024) sb.Append(one).Append('\n');
            var s = LicenseOutputParser.Parse(sb.ToString());
            Assert.Equal(LicensingMode.SmartLicensingUsingPolicy, s.Mode);
            Assert.Equal(TransportType.Cslu, s.TransportType);
        }
    }
}
