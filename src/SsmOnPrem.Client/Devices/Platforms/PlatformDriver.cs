using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using SsmOnPrem.Client.Common;
using SsmOnPrem.Client.Devices.Cli;
using SsmOnPrem.Client.Parsing;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>
    /// Everything the module knows about one Cisco platform, in one file per platform (IosXeDriver, NxOsDriver, ...):
    /// how to recognise it (show version, PIDs, prompts, wording), its names, session set-up, configuration framing
    /// and saving, the ping line, the transport lines per licensing mode, its licensing CLI and the syslog facility it
    /// prints. Nothing outside Devices/Platforms switches on a platform. Adding a platform = one subclass here, its lab
    /// counterpart and fixtures (docs/ARCHITECTURE.md, "Adding a platform"); <see cref="All"/> finds it by reflection.
    /// </summary>
    public abstract class PlatformDriver
    {
        public abstract DevicePlatform Platform { get; }

        // ---- names ----

        /// <summary>The name results, parsers and -Platform use ("IOS-XE").</summary>
        public abstract string DisplayName { get; }
        /// <summary>Other spellings a user may type (compared without case, '-', '_', spaces or "cisco").</summary>
        public virtual IReadOnlyList<string> Aliases => Array.Empty<string>();
        /// <summary>One line for completion tooltips.</summary>
        public abstract string Description { get; }

        // ---- identification ----

        /// <summary>Whether this 'show version' output is this platform's.</summary>
        public abstract bool Matches(string showVersion);

        /// <summary>Release as printed ("17.03.04a", "9.3(8)", "7.2.2", "9.16(3)19").</summary>
        protected abstract string ReadRelease(string showVersion);

        /// <summary>Smart Licensing Using Policy or legacy Smart Licensing, for this release.</summary>
        public abstract LicensingMode LicensingModeFor(string release);

        /// <summary>Product-id prefixes of this platform's hardware (upper case), for license output that names only a UDI.</summary>
        public virtual IReadOnlyList<string> PidPrefixes => Array.Empty<string>();

        /// <summary>A prompt only this platform prints (IOS-XR's "RP/0/RP0/CPU0:host#").</summary>
        public virtual bool IsOwnPrompt(string prompt) => false;

        /// <summary>A syslog message only this platform prints (by its header or facility).</summary>
        public virtual bool IsOwnSyslog(SyslogMessage message) => false;

        /// <summary>A line of license output only this platform prints.</summary>
        public virtual bool IsOwnOutputLine(string line) => false;

        /// <summary>A licensing 'show' command only this platform has.</summary>
        public virtual bool IsOwnCommand(string command) => false;

        // ---- session set-up (after login and 'enable') ----

        public virtual string PagingCommand => "terminal length 0";
        public virtual string WidthCommand => "terminal width 511";

        // ---- configuration ----

        public virtual ConfigCommitStyle CommitStyle => ConfigCommitStyle.Immediate;
        public virtual string EnterConfigCommand => "configure terminal";
        public virtual string ExitConfigCommand => "end";
        public virtual string CommitCommand => "commit";
        /// <summary>Throws away uncommitted changes (IOS-XR); elsewhere the same as leaving.</summary>
        public virtual string AbortConfigCommand => ExitConfigCommand;

        /// <summary>The lines as sent: enter configuration mode, the lines, commit where the platform needs it, leave.</summary>
        public IReadOnlyList<string> Framed(IEnumerable<string> lines)
        {
            var framed = new List<string> { EnterConfigCommand };
            framed.AddRange(lines);
            if (CommitStyle == ConfigCommitStyle.Commit) framed.Add(CommitCommand);
            framed.Add(ExitConfigCommand);
            return framed;
        }

        /// <summary>
        /// The line that copies the running configuration to the startup configuration; null when a commit already
        /// persists (IOS-XR). IOS/IOS-XE ask "Destination filename [startup-config]?", which the session answers for
        /// every typed 'copy' (<see cref="PromptResponder.CopyDefaults"/>); any other question is answered no.
        /// </summary>
        public virtual string SaveCommand => "copy running-config startup-config";

        /// <summary>Whether the save command's output says the configuration was written ("[OK]", NX-OS "Copy complete").</summary>
        public virtual bool SaveSucceeded(string output) =>
            (output ?? string.Empty).IndexOf("[OK]", StringComparison.Ordinal) >= 0
            || (output ?? string.Empty).IndexOf("Copy complete", StringComparison.OrdinalIgnoreCase) >= 0;

        // ---- reachability checks from the device ----

        /// <summary>'ping [vrf NAME] HOST [source INTERFACE]' (IOS, IOS-XE, IOS-XR); platforms with another order override it.</summary>
        public virtual string PingCommand(string target, string vrf, string sourceInterface)
        {
            CheckPingArguments(target, ref vrf, ref sourceInterface);
            return "ping " + (vrf != null ? "vrf " + vrf + " " : "") + target + (sourceInterface != null ? " source " + sourceInterface : "");
        }

        protected static void CheckPingArguments(string target, ref string vrf, ref string sourceInterface)
        {
            CliArgument.Hostname(target, "ping target");
            vrf = string.IsNullOrEmpty(vrf) ? null : CliArgument.Name(vrf, "VRF name");
            sourceInterface = string.IsNullOrEmpty(sourceInterface) ? null : CliArgument.InterfaceName(sourceInterface, "source interface");
        }

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
            return new NameLookup { Resolved = TextPatterns.IsMatch(pingOutput ?? "", @"Unrecognized host|Bad IP address or host name|unknown host|Invalid Hostname", RegexOptions.IgnoreCase) ? false : (bool?)null };
        }

        // ---- transport to On-Prem ----

        public abstract LicensingCommands LicensingCommandsFor(LicensingMode mode);

        /// <summary>
        /// The running-configuration reads that show whether <paramref name="lines"/> are already configured: only the
        /// sections transport planning needs, never the whole configuration with its secrets (docs/SECURITY.md).
        /// IOS/IOS-XE: '| section' and '| include' (Cisco IOS Configuration Fundamentals, "Filtering show command output").
        /// </summary>
        public virtual IReadOnlyList<string> RunningConfigReads(IEnumerable<string> lines) =>
            RunningConfigReads(lines, "show running-config | section call-home", "show running-config | include ^license|^ip http client");

        /// <summary>Picks the reads a set of lines needs: the call-home section when they configure it, the top-level license lines when they have any.</summary>
        protected static IReadOnlyList<string> RunningConfigReads(IEnumerable<string> lines, string callHomeRead, string licenseRead)
        {
            var list = lines.ToList();
            var reads = new List<string>();
            if (list.Any(l => l == "call-home" || l == "callhome")) reads.Add(callHomeRead);
            if (list.Any(l => l.StartsWith("license ", StringComparison.Ordinal) || l.StartsWith("ip http client ", StringComparison.Ordinal))) reads.Add(licenseRead);
            return reads;
        }

        /// <summary>The global line that sets the source interface of the device's HTTPS client, or null when none is known.</summary>
        public virtual string HttpSourceInterfaceLine(string interfaceName) => null;

        /// <summary>The global line that sends Smart Transport / CSLU traffic through a VRF in this mode, or null when none is known.</summary>
        public virtual string LicenseVrfLine(LicensingMode mode, string vrf) => null;

        /// <summary>The line under the call-home block that puts call-home into a VRF, or null when none is known.</summary>
        public virtual string CallHomeVrfLine(string vrf) => "vrf " + vrf;

        // ---- syslog ----

        /// <summary>The facility of the Smart Licensing agent's messages: "SMART_LIC", IOS-XR "LICENSE-SMART_LIC".</summary>
        public virtual string LicensingSyslogFacility => "SMART_LIC";

        /// <summary>A message of this platform's Smart Licensing agent.</summary>
        public virtual bool IsLicensingSyslog(SyslogMessage message) =>
            message != null && string.Equals(message.Facility, LicensingSyslogFacility, StringComparison.Ordinal);

        // ---- identity ----

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
            First(showVersion, @"^[ \t]*[Cc]isco (?<v>\S+)(?: \([^)]*\))? processor", @"^[ \t]*[Cc]isco (?<v>[^\n]{1,120}?) [Cc]hassis", @"^[ \t]*Hardware:\s+(?<v>[^,\s]+)");

        protected virtual string ReadSerial(string showVersion) =>
            First(showVersion, @"^[ \t]*Processor [Bb]oard ID\s+(?<v>\S+)", @"^[ \t]*Serial Number:\s*(?<v>\S+)", @"^[ \t]*System [Ss]erial [Nn]umber\s*:\s*(?<v>\S+)");

        /// <summary>The first named group 'v' of the first pattern that matches a line.</summary>
        protected static string First(string text, params string[] patterns)
        {
            foreach (var pattern in patterns)
            {
                var m = TextPatterns.Match(text ?? string.Empty, pattern, RegexOptions.Multiline);
                if (m.Success) return m.Groups["v"].Value.Trim();
            }
            return null;
        }

        protected static bool Has(string text, string fragment) => text.IndexOf(fragment, StringComparison.OrdinalIgnoreCase) >= 0;

        // ---- the catalogue ----

        private static readonly Lazy<IReadOnlyList<PlatformDriver>> Drivers = new Lazy<IReadOnlyList<PlatformDriver>>(() =>
            typeof(PlatformDriver).GetTypeInfo().Assembly.GetTypes()
                .Where(t => typeof(PlatformDriver).IsAssignableFrom(t) && !t.GetTypeInfo().IsAbstract && t != typeof(GenericDriver))
                .Select(t => (PlatformDriver)Activator.CreateInstance(t))
                .OrderBy(p => p.Platform)
                .ToList());

        /// <summary>Every known platform driver (not the generic fallback).</summary>
        public static IReadOnlyList<PlatformDriver> All => Drivers.Value;

        public static PlatformDriver For(DevicePlatform platform) =>
            All.FirstOrDefault(p => p.Platform == platform) ?? GenericDriver.Instance;

        /// <summary>The driver whose platform printed this 'show version', or the generic one.</summary>
        public static PlatformDriver Detect(string showVersion) =>
            All.FirstOrDefault(p => p.Matches(showVersion ?? string.Empty)) ?? GenericDriver.Instance;

        /// <summary>The driver a typed name or alias means ("iosxe", "IOS XE", "xe"), or null.</summary>
        public static PlatformDriver ForName(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            var key = NameKey(name);
            return All.FirstOrDefault(d => NameKey(d.DisplayName) == key || d.Aliases.Any(a => NameKey(a) == key));
        }

        /// <summary>The driver of the hardware with this product id (longest matching prefix), or null.</summary>
        public static PlatformDriver ForPid(string pid)
        {
            if (string.IsNullOrEmpty(pid)) return null;
            var p = pid.ToUpperInvariant();
            return All.SelectMany(d => d.PidPrefixes.Select(prefix => (d, prefix)))
                .Where(x => p.StartsWith(x.prefix, StringComparison.Ordinal))
                .OrderByDescending(x => x.prefix.Length)
                .Select(x => x.d).FirstOrDefault();
        }

        /// <summary>The distinct paging commands of every platform, the generic one first (tried in turn before the platform is known).</summary>
        public static IReadOnlyList<string> PagingCommands =>
            new[] { GenericDriver.Instance.PagingCommand }.Concat(All.Select(d => d.PagingCommand)).Distinct(StringComparer.Ordinal).ToList();

        private static string NameKey(string name) =>
            name.Trim().ToLowerInvariant().Replace("-", "").Replace(" ", "").Replace("_", "").Replace("cisco", "");

        public override string ToString() => DisplayName;
    }
}
