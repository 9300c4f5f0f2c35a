using System;
using System.Linq;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Licensing
{
    public enum TransportKind { Callhome, Smart, Cslu, Off }

    /// <summary>Where a device sends licensing messages, read from its running configuration the way the agent reads it.</summary>
    public sealed class LicenseTransport
    {
        public const string DefaultCsluUrl = "http://cslu-local:8182/cslu/v1/pi";
        public TransportKind Kind { get; set; }
        public string Url { get; set; }            // null when nothing usable is configured
        public string MissingReason { get; set; }  // why Url is null, as the device reports it

        public string TypeText => Kind switch
        {
            TransportKind.Callhome => "Callhome",
            TransportKind.Smart => "Smart",
            TransportKind.Cslu => "cslu",
            _ => "Transport Off",
        };

        public static LicenseTransport Read(DeviceRuntime d)
        {
            lock (d.Sync)
            {
                var root = d.Config;
                string Line(string prefix) => root.Children.Select(c => c.Line).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
                var transportLine = Line("license smart transport ");
                var kind = d.Profile.IsSlp ? TransportKind.Cslu : TransportKind.Callhome;
                if (transportLine != null)
                    kind = transportLine.Split(' ')[3] switch { "smart" => TransportKind.Smart, "cslu" => TransportKind.Cslu, "off" => TransportKind.Off, _ => TransportKind.Callhome };
                var t = new LicenseTransport { Kind = kind };
                switch (kind)
                {
                    case TransportKind.Off:
                        t.MissingReason = "The action failed because smart license transport is disabled.";
                        break;
                    case TransportKind.Cslu:
                        var cslu = Line("license smart url cslu ");
                        t.Url = cslu != null ? cslu.Substring("license smart url cslu ".Length).Trim() : DefaultCsluUrl;
                        break;
                    case TransportKind.Smart:
                        var smart = Line("license smart url smart ") ?? root.Children.Select(c => c.Line).FirstOrDefault(l => l.StartsWith("license smart url http", StringComparison.OrdinalIgnoreCase));
                        if (smart != null) t.Url = smart.Split(' ').Last();
                        else t.MissingReason = "Smart transport URL is not configured.";
                        break;
                    default:
                        t.Url = CallHomeUrl(d, root, out var reason);
                        t.MissingReason = reason;
                        break;
                }
                return t;
            }
        }

        private static string CallHomeUrl(DeviceRuntime d, ConfigNode root, out string reason)
        {
            reason = null;
            if (d.Profile.Kind == PlatformKind.Nxos9 || d.Profile.Kind == PlatformKind.Nxos10)
            {
                var ch = root.Find("callhome");
                if (ch == null || ch.Find("enable") == null) { reason = "Call Home is not enabled."; return null; }
                var dest = ch.Children.Select(c => c.Line.Split(' ')).FirstOrDefault(w => w.Length == 6 && w[0] == "destination-profile" && w[2] == "index" && w[4] == "http");
                if (dest == null) { reason = "Fail to send out Call Home HTTP message."; return null; }
                return dest[5];
            }
            var callHome = root.Find("call-home");
            var profiles = callHome?.Children.Where(c => c.Line.StartsWith("profile ", StringComparison.OrdinalIgnoreCase)).ToList();
            var profile = profiles?.FirstOrDefault(p => d.Profile.Kind == PlatformKind.Asa || p.Find("active") != null);
            var address = profile?.Children.Select(c => c.Line).FirstOrDefault(l => l.StartsWith("destination address http ", StringComparison.OrdinalIgnoreCase));
            if (address == null) { reason = "Fail to send out Call Home HTTP message."; return null; }
            return address.Substring("destination address http ".Length).Trim();
        }
    }
}
