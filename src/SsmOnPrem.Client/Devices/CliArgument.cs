using System;
using System.Net;
using System.Text.RegularExpressions;

namespace SsmOnPrem.Client.Devices
{
    /// <summary>
    /// Everything sent to a device CLI is checked here first: the CLI is an injection surface (a newline ends the
    /// line and starts another command, '?' opens context help, ESC and control characters drive the terminal).
    /// Values of a known kind (token, URL, hostname, interface, name) must also fit their alphabet.
    /// The refused value itself is never echoed back: it may be a secret.
    /// </summary>
    public static class CliArgument
    {
        /// <summary>Longest CLI line we send; the terminal is 511 columns wide and the prompt takes some.</summary>
        public const int MaxLineLength = 450;

        private static readonly Regex TokenPattern = new Regex(@"^[A-Za-z0-9%_\-=+/.]{8,1024}$", RegexOptions.CultureInvariant);
        private static readonly Regex HostnamePattern = new Regex(
            @"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.?$",
            RegexOptions.CultureInvariant);
        private static readonly Regex InterfacePattern = new Regex(@"^[A-Za-z][A-Za-z0-9_\-./:]{0,63}$", RegexOptions.CultureInvariant);
        private static readonly Regex NamePattern = new Regex(@"^[A-Za-z0-9_][A-Za-z0-9_\-.]{0,63}$", RegexOptions.CultureInvariant);
        private static readonly Regex UrlPattern = new Regex(@"^[A-Za-z0-9\-._~:/\[\]@!$&()*+,;=%]+$", RegexOptions.CultureInvariant);

        /// <summary>A whole CLI line: printable ASCII only, no '?', not too long.</summary>
        public static string CommandLine(string line, string what = "command")
        {
            if (line == null) throw new UnsafeCliArgumentException(what, "it is null");
            if (line.Length > MaxLineLength) throw new UnsafeCliArgumentException(what, $"it is longer than {MaxLineLength} characters");
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\r' || c == '\n') throw new UnsafeCliArgumentException(what, $"it contains a line break at position {i + 1}");
                if (c == '\x1B') throw new UnsafeCliArgumentException(what, $"it contains an escape character at position {i + 1}");
                if (c < 0x20 || c == 0x7F) throw new UnsafeCliArgumentException(what, $"it contains the control character 0x{(int)c:X2} at position {i + 1}");
                if (c > 0x7E) throw new UnsafeCliArgumentException(what, $"it contains the non-ASCII character U+{(int)c:X4} at position {i + 1}");
                if (c == '?') throw new UnsafeCliArgumentException(what, $"it contains '?' at position {i + 1}, which opens the CLI's context help");
            }
            return line;
        }

        /// <summary>A secret typed at a prompt (enable secret): anything but control characters and line breaks.</summary>
        public static string Secret(string secret, string what = "secret")
        {
            if (secret == null) throw new UnsafeCliArgumentException(what, "it is null");
            for (var i = 0; i < secret.Length; i++)
            {
                var c = secret[i];
                if (c < 0x20 || c == 0x7F) throw new UnsafeCliArgumentException(what, $"it contains a line break or control character at position {i + 1}");
            }
            return secret;
        }

        /// <summary>A Smart Licensing ID token (base64 / URL-encoded text).</summary>
        public static string Token(string token, string what = "ID token")
        {
            CommandLine(token ?? throw new UnsafeCliArgumentException(what, "it is null"), what);
            if (!TokenPattern.IsMatch(token))
                throw new UnsafeCliArgumentException(what, "it is not 8 to 1024 characters of A-Z a-z 0-9 % _ - = + / .");
            return token;
        }

        /// <summary>An absolute http or https URL with no spaces or quotes.</summary>
        public static string Url(string url, string what = "URL")
        {
            CommandLine(url ?? throw new UnsafeCliArgumentException(what, "it is null"), what);
            if (!UrlPattern.IsMatch(url)) throw new UnsafeCliArgumentException(what, "it contains characters not allowed in a URL (spaces, quotes, backslash, ...)");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https") || string.IsNullOrEmpty(uri.Host))
                throw new UnsafeCliArgumentException(what, "it is not an absolute http:// or https:// URL");
            return url;
        }

        /// <summary>A DNS host name or an IPv4/IPv6 address.</summary>
        public static string Hostname(string host, string what = "host name")
        {
            CommandLine(host ?? throw new UnsafeCliArgumentException(what, "it is null"), what);
            if (IsHostname(host)) return host;
            throw new UnsafeCliArgumentException(what, "it is neither a DNS name nor an IP address");
        }

        public static bool IsHostname(string host) =>
            !string.IsNullOrEmpty(host) && (HostnamePattern.IsMatch(host) || (host.IndexOf(':') >= 0 || char.IsDigit(host[0])) && IPAddress.TryParse(host, out _));

        /// <summary>An interface name such as GigabitEthernet0/0/1, MgmtEth0/RP0/CPU0/0, mgmt0, Vlan10, inside.</summary>
        public static string InterfaceName(string name, string what = "interface name")
        {
            CommandLine(name ?? throw new UnsafeCliArgumentException(what, "it is null"), what);
            if (!InterfacePattern.IsMatch(name)) throw new UnsafeCliArgumentException(what, "it is not an interface name (a letter, then letters, digits and _ - . / :)");
            return name;
        }

        /// <summary>A configuration object name (call-home profile, VRF, ...).</summary>
        public static string Name(string name, string what = "name")
        {
            CommandLine(name ?? throw new UnsafeCliArgumentException(what, "it is null"), what);
            if (!NamePattern.IsMatch(name)) throw new UnsafeCliArgumentException(what, "it is not 1 to 64 characters of A-Z a-z 0-9 _ - .");
            return name;
        }
    }
}
