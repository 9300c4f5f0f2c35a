using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SsmOnPrem.Lab.Devices;

namespace SsmOnPrem.Lab.Cli
{
    public enum CliMode { UserExec, PrivExec, Config, CallHome, CallHomeProfile, SmartLic }

    public enum CliFamily { IosXe, Nxos, IosXr, Asa }

    /// <summary>
    /// What differs between platforms: prompts, the mode a login lands in, error wording, the --More-- prompt, and the
    /// command tables (built by <see cref="CommandTables"/>). Device behaviour itself lives in the command handlers.
    /// </summary>
    public sealed class PlatformCli
    {
        private static readonly Dictionary<PlatformKind, PlatformCli> Cache = new Dictionary<PlatformKind, PlatformCli>();
        private readonly Dictionary<CliMode, List<CommandSpec>> tables;

        private PlatformCli(PlatformKind kind)
        {
            Kind = kind;
            Behaviour = Platforms.LabPlatform.For(kind);
            Family = Behaviour.Family;
            tables = CommandTables.Build(this);
        }

        public static PlatformCli For(PlatformKind kind)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(kind, out var cli)) Cache[kind] = cli = new PlatformCli(kind);
                return cli;
            }
        }

        public PlatformKind Kind { get; }
        public CliFamily Family { get; }
        /// <summary>The platform's own behaviour (Platforms/*Lab): prompts, banner, errors, paging, saving.</summary>
        public Platforms.LabPlatform Behaviour { get; }
        public bool IsSlp => Kind == PlatformKind.IosXe17 || Kind == PlatformKind.Nxos10;

        // NX-OS and IOS-XR log in at privileged level; IOS-XE and ASA at user EXEC and need 'enable'.
        public CliMode LoginMode => Behaviour.LoginMode;
        public CliMode PrivilegedMode => CliMode.PrivExec;
        public bool IsConfigMode(CliMode mode) => mode >= CliMode.Config;
        public string MorePrompt => Behaviour.MorePrompt;

        public IReadOnlyList<CommandSpec> Table(CliMode mode) => tables.TryGetValue(mode, out var t) ? t : new List<CommandSpec>();

        public string Prompt(CliSession s) => Behaviour.Prompt(DeviceText.Hostname(s.Device), s.Mode);

        public string LoginBanner(CliSession s) => Behaviour.LoginBanner;

        /// <summary>The error block; caretColumn counts from the start of the prompt.</summary>
        public string ErrorText(MatchKind kind, int caretColumn, string line) =>
            Behaviour.ErrorText(kind, new string(' ', Math.Max(0, caretColumn)) + "^\n", line);

        /// <summary>Finds the command in the current mode (then in the parent modes, as IOS falls back), runs it.</summary>
        public async Task<string> ExecuteAsync(CliSession s, string command, string fullLine)
        {
            var first = CommandMatcher.Match(command, Table(s.Mode));
            var result = first;
            if (result.Kind == MatchKind.Invalid && IsConfigMode(s.Mode))
            {
                // 'do <exec command>' from any configuration mode.
                var tokens = CommandMatcher.Tokenize(command);
                if (tokens.Count > 1 && tokens[0].text.Equals("do", StringComparison.OrdinalIgnoreCase))
                {
                    var exec = command.Substring(tokens[1].column);
                    var r = CommandMatcher.Match(exec, Table(CliMode.PrivExec));
                    if (r.Kind == MatchKind.Ok) return await RunAsync(s, r, exec);
                    if (r.Kind == MatchKind.Invalid) r.ErrorColumn += tokens[1].column;
                    return s.ErrorText(r.Kind, r.ErrorColumn, command);
                }
                // A sub-mode falls back to its parents: 'license smart ...' typed under call-home leaves call-home.
                var mode = s.Mode;
                while (mode > CliMode.Config)
                {
                    mode = mode == CliMode.SmartLic ? CliMode.Config : mode - 1;
                    var r = CommandMatcher.Match(command, Table(mode));
                    if (r.Kind == MatchKind.Ok)
                    {
                        s.Mode = mode;
                        int depth = mode == CliMode.Config ? 0 : mode == CliMode.CallHome ? 1 : 2;
                        while (s.ConfigPath.Count > depth) s.ConfigPath.RemoveAt(s.ConfigPath.Count - 1);
                        result = r; break;
                    }
                }
            }
            if (result.Kind != MatchKind.Ok) return s.ErrorText(result.Kind, result.ErrorColumn, command);
            return await RunAsync(s, result, command);
        }

        private static async Task<string> RunAsync(CliSession s, MatchResult r, string line)
        {
            var ctx = new CommandContext { Session = s, Args = r.Arguments, Words = r.Words, Line = line };
            return await r.Spec.Handler(ctx);
        }
    }
}
