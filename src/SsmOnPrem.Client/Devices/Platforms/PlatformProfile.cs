using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>
    /// Everything that differs between Cisco platforms, in one place per platform: how to recognise it in
    /// 'show version', its session set-up commands, how configuration is committed, and its licensing CLI.
    /// Adding a platform means adding one subclass; <see cref="All"/> finds it by reflection.
    /// </summary>
    public abstract class PlatformProfile
    {
        public abstract DevicePlatform Platform { get; }

        /// <summary>Whether this 'show version' output is this platform's.</summary>
        public abstract bool Matches(string showVersion);

        /// <summary>Release as printed ("17.03.04a", "9.3(8)", "7.2.2", "9.16(3)19").</summary>
        protected abstract string ReadRelease(string showVersion);

        /// <summary>Smart Licensing Using Policy or legacy Smart Licensing, for this release.</summary>
        public abstract LicensingMode LicensingModeFor(string release);

        public virtual string PagingCommand => "terminal length 0";
        public virtual string WidthCommand => "terminal width 511";
        public virtual ConfigCommitStyle CommitStyle => ConfigCommitStyle.Immediate;
        public virtual string EnterConfigCommand => "configure terminal";
        public virtual string ExitConfigCommand => "end";
        public virtual string CommitCommand => "commit";
        /// <summary>Throws away uncommitted changes (IOS-XR); elsewhere the same as leaving.</summary>
        public virtual string AbortConfigCommand => ExitConfigCommand;
        public virtual string SaveConfigCommand => "write memory";

        public abstract LicensingCommands LicensingCommandsFor(LicensingMode mode);

        // ---- reachability of On-Prem from the device (Test-SsmDeviceConnectivity, the Connectivity stage) ----

        /// <summary>The CLI line that opens a TCP connection to HOST:PORT from the device, or null where the CLI has no way (see <see cref="TcpCheckUnsupportedReason"/>).</summary>
        public virtual string TcpCheckCommand(string host, int port, string vrf, string sourceInterface) => null;

        /// <summary>Why this platform cannot check a TCP port from its CLI (null where it can).</summary>
        public virtual string TcpCheckUnsupportedReason => "this platform's CLI has no client that opens a TCP connection to a given port";

        /// <summary>Reads the outcome of <see cref="TcpCheckCommand"/>'s output.</summary>
        public virtual TcpCheckOutcome ReadTcpCheck(string output) => ReachabilityWording.ReadIosTelnet(output);

        /// <summary>Name resolution as a ping of a host name showed it (IOS wording by default: "% Unrecognized host or address").</summary>
        public virtual NameLookup ReadNameLookup(string pingOutput)
        {
            var address = ReachabilityWording.PingedAddress(pingOutput);
            if (address != null) return new NameLookup { Resolved = true, Address = address };
            return new NameLookup { Resolved = Regex.IsMatch(pingOutput ?? "", @"Unrecognized host|Bad IP address or host name|unknown host|Invalid Hostname", RegexOptions.IgnoreCase) ? false : (bool?)null };
        }

        public DeviceIdentity ReadIdentity(string showVersion, string promptHostname)
        {
            var release = ReadRelease(showVersion);
            return new DeviceIdentity
            {
                Hostname = promptHostname,
                Platform = Platform,
                Release = release,
                Model = ReadModel(showVersion),
                SerialNumber = ReadSerial(showVersion),
                LicensingMode = LicensingModeFor(release),
            };
        }

        protected virtual string ReadModel(string showVersion) =>
            First(showVersion, @"^\s*[Cc]isco (?<v>\S+)(?: \([^)]*\))? processor", @"^\s*[Cc]isco (?<v>.+?) [Cc]hassis", @"^\s*Hardware:\s+(?<v>[^,\s]+)");

        protected virtual string ReadSerial(string showVersion) =>
            First(showVersion, @"^\s*Processor [Bb]oard ID\s+(?<v>\S+)", @"^\s*Serial Number:\s*(?<v>\S+)", @"^\s*System [Ss]erial [Nn]umber\s*:\s*(?<v>\S+)");

        /// <summary>The first named group 'v' of the first pattern that matches a line.</summary>
        protected static string First(string text, params string[] patterns)
        {
            foreach (var pattern in patterns)
            {
                var m = Regex.Match(text ?? string.Empty, pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant);
                if (m.Success) return m.Groups["v"].Value.Trim();
            }
            return null;
        }

        private static readonly Lazy<IReadOnlyList<PlatformProfile>> Profiles = new Lazy<IReadOnlyList<PlatformProfile>>(() =>
            typeof(PlatformProfile).GetTypeInfo().Assembly.GetTypes()
                .Where(t => typeof(PlatformProfile).IsAssignableFrom(t) && !t.GetTypeInfo().IsAbstract && t != typeof(GenericProfile))
                .Select(t => (PlatformProfile)Activator.CreateInstance(t))
                .OrderBy(p => p.Platform)
                .ToList());

        /// <summary>Every known platform profile (not the generic fallback).</summary>
        public static IReadOnlyList<PlatformProfile> All => Profiles.Value;

        public static PlatformProfile For(DevicePlatform platform) =>
            All.FirstOrDefault(p => p.Platform == platform) ?? GenericProfile.Instance;

        /// <summary>The profile whose platform printed this 'show version', or the generic one.</summary>
        public static PlatformProfile Detect(string showVersion) =>
            All.FirstOrDefault(p => p.Matches(showVersion ?? string.Empty)) ?? GenericProfile.Instance;

        protected static bool Has(string text, string fragment) => text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>A device whose 'show version' we do not recognise: IOS-like defaults.</summary>
    public sealed class GenericProfile : PlatformProfile
    {
        public static readonly GenericProfile Instance = new GenericProfile();
        public override DevicePlatform Platform => DevicePlatform.Unknown;
        public override bool Matches(string showVersion) => true;
        protected override string ReadRelease(string showVersion) => First(showVersion, @"Version (?<v>[0-9][^\s,]*)");
        public override LicensingMode LicensingModeFor(string release) => LicensingMode.Unknown;
        public override LicensingCommands LicensingCommandsFor(LicensingMode mode) => new LicensingCommands { SupportsRegister = true };
    }
}
