using System.Collections.Generic;

namespace SsmOnPrem.Client.Devices.Platforms
{
    /// <summary>
    /// The licensing CLI of one platform in one licensing mode. Values put into commands are validated here
    /// (<see cref="CliArgument"/>), so a workflow cannot build an unsafe line by accident.
    /// </summary>
    public class LicensingCommands
    {
        /// <summary>The 'show' commands whose combined output describes the licensing state.</summary>
        public IReadOnlyList<string> StatusCommands { get; set; } = new[] { "show license status", "show license udi", "show license summary" };

        /// <summary>Legacy 'register' is offered (SLP deprecates it in favour of 'trust').</summary>
        public bool SupportsRegister { get; set; }

        /// <summary>SLP 'license smart trust idtoken' is offered.</summary>
        public bool SupportsTrust { get; set; }

        /// <summary>SLP 'license smart sync' is offered.</summary>
        public bool SupportsSync { get; set; }

        public virtual string Register(string token, bool force) =>
            $"license smart register idtoken {CliArgument.Token(token)}" + (force ? " force" : string.Empty);

        public virtual string Trust(string token, bool allMembers, bool force) =>
            $"license smart trust idtoken {CliArgument.Token(token)} {(allMembers ? "all" : "local")}" + (force ? " force" : string.Empty);

        public virtual string Sync(bool allMembers) => "license smart sync " + (allMembers ? "all" : "local");

        public virtual string Deregister() => "license smart deregister";

        /// <summary>SLP writes 'license smart url smart URL'; legacy 'license smart url URL'.</summary>
        public bool SmartUrlKeyword { get; set; }

        /// <summary>Global-configuration lines that point the device at <paramref name="url"/> with the given transport.</summary>
        public virtual IReadOnlyList<string> Transport(DeviceTransportKind kind, string url)
        {
            CliArgument.Url(url, "transport URL");
            switch (kind)
            {
                case DeviceTransportKind.Cslu:
                    return new[] { "license smart transport cslu", "license smart url cslu " + url };
                case DeviceTransportKind.SmartTransport:
                    return new[] { "license smart transport smart", (SmartUrlKeyword ? "license smart url smart " : "license smart url ") + url };
                default:
                    return new[]
                    {
                        "call-home", "profile CiscoTAC-1", "active", "destination transport-method http",
                        "no destination transport-method email", "destination address http " + url,
                    };
            }
        }
    }
}
