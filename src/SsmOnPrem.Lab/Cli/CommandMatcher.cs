using System;
using System.Collections.Generic;
using System.Linq;

namespace SsmOnPrem.Lab.Cli
{
    /// <summary>
    /// One command a mode accepts, as a pattern of tokens: a keyword (abbreviable, as on IOS), or a parameter:
    /// WORD (any token), NUM (digits), LINE (the rest of the line, one or more tokens).
    /// </summary>
    public sealed class CommandSpec
    {
        public CommandSpec(string pattern, Func<CommandContext, System.Threading.Tasks.Task<string>> handler)
        {
            Tokens = pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Handler = handler;
        }
        public string[] Tokens { get; }
        public Func<CommandContext, System.Threading.Tasks.Task<string>> Handler { get; }
        public static bool IsParameter(string token) => token == "WORD" || token == "NUM" || token == "LINE";
    }

    public enum MatchKind { Ok, Invalid, Incomplete, Ambiguous, Empty }

    public sealed class MatchResult
    {
        public MatchKind Kind { get; set; }
        public CommandSpec Spec { get; set; }
        public IReadOnlyList<string> Arguments { get; set; } = Array.Empty<string>();   // the typed values of WORD/NUM/LINE
        public IReadOnlyList<string> Words { get; set; } = Array.Empty<string>();       // every token, keywords expanded
        public int ErrorColumn { get; set; }                                             // where the caret goes (0-based in the line)
    }

    /// <summary>IOS-style matching: unique prefixes, caret at the first token nothing accepts, incomplete and ambiguous commands.</summary>
    public static class CommandMatcher
    {
        public static MatchResult Match(string line, IReadOnlyList<CommandSpec> specs)
        {
            var tokens = Tokenize(line);
            if (tokens.Count == 0) return new MatchResult { Kind = MatchKind.Empty };
            var alive = specs.Select(s => (spec: s, args: new List<string>(), words: new List<string>(), rest: false)).ToList();
            for (int i = 0; i < tokens.Count; i++)
            {
                var (text, column) = tokens[i];
                var next = new List<(CommandSpec spec, List<string> args, List<string> words, bool rest)>();
                var exact = new List<(CommandSpec spec, List<string> args, List<string> words, bool rest)>();
                var keywordsMatched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var c in alive)
                {
                    if (c.rest) { c.args[c.args.Count - 1] = line.Substring(RestStart(c, tokens, i)).TrimEnd(); next.Add(c); continue; }
                    if (i >= c.spec.Tokens.Length) continue;
                    var p = c.spec.Tokens[i];
                    if (p == "LINE")
                    {
                        next.Add((c.spec, new List<string>(c.args) { line.Substring(column).TrimEnd() }, new List<string>(c.words) { text }, true));
                    }
                    else if (p == "WORD" || (p == "NUM" && text.All(char.IsDigit)))
                    {
                        next.Add((c.spec, new List<string>(c.args) { text }, new List<string>(c.words) { text }, false));
                    }
                    else if (!CommandSpec.IsParameter(p) && p.StartsWith(text, StringComparison.OrdinalIgnoreCase))
                    {
                        var item = (c.spec, new List<string>(c.args), new List<string>(c.words) { p }, false);
                        next.Add(item);
                        keywordsMatched.Add(p);
                        if (p.Equals(text, StringComparison.OrdinalIgnoreCase)) exact.Add(item);
                    }
                }
                if (next.Count == 0) return new MatchResult { Kind = MatchKind.Invalid, ErrorColumn = column };
                bool IsKeywordHere((CommandSpec spec, List<string> args, List<string> words, bool rest) n) => !n.rest && !CommandSpec.IsParameter(n.spec.Tokens[i]);
                if (keywordsMatched.Count > 0)
                {
                    // Keywords win over parameters at the same position; an exact keyword wins over longer ones it prefixes.
                    if (exact.Count > 0) next = next.Where(n => n.rest || IsKeywordHere(n) && n.words[i].Equals(text, StringComparison.OrdinalIgnoreCase)).ToList();
                    else if (keywordsMatched.Count > 1) return new MatchResult { Kind = MatchKind.Ambiguous, ErrorColumn = column };
                    else next = next.Where(n => n.rest || IsKeywordHere(n)).ToList();
                }
                alive = next;
            }
            var complete = alive.Where(c => c.rest || c.words.Count == c.spec.Tokens.Length).ToList();
            if (complete.Count == 0) return new MatchResult { Kind = MatchKind.Incomplete, ErrorColumn = line.Length };
            var best = complete[0];
            return new MatchResult { Kind = MatchKind.Ok, Spec = best.spec, Arguments = best.args, Words = best.words };
        }

        private static int RestStart((CommandSpec spec, List<string> args, List<string> words, bool rest) c, List<(string, int)> tokens, int i)
        {
            int lineIndex = Array.IndexOf(c.spec.Tokens, "LINE");
            return tokens[lineIndex].Item2;
        }

        public static List<(string text, int column)> Tokenize(string line)
        {
            var result = new List<(string, int)>();
            int i = 0;
            while (i < line.Length)
            {
                while (i < line.Length && line[i] == ' ') i++;
                if (i >= line.Length) break;
                int start = i;
                while (i < line.Length && line[i] != ' ') i++;
                result.Add((line.Substring(start, i - start), start));
            }
            return result;
        }
    }
}
