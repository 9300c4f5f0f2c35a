using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SsmOnPrem.Lab.Devices
{
    /// <summary>A running configuration as Cisco prints it: lines, each with indented children (call-home, profiles...).</summary>
    public sealed class ConfigNode
    {
        public ConfigNode(string line) { Line = line; }
        public string Line { get; set; }
        public List<ConfigNode> Children { get; } = new List<ConfigNode>();

        public ConfigNode Clone()
        {
            var copy = new ConfigNode(Line);
            copy.Children.AddRange(Children.Select(c => c.Clone()));
            return copy;
        }

        public ConfigNode Find(string line) => Children.FirstOrDefault(c => c.Line.Equals(line, StringComparison.OrdinalIgnoreCase));

        public ConfigNode GetOrAdd(string line)
        {
            var node = Find(line);
            if (node == null) { node = new ConfigNode(line); Children.Add(node); }
            return node;
        }

        /// <summary>Sets a setting: replaces any child whose line starts with the same key (e.g. "license smart transport").</summary>
        public void Set(string key, string line)
        {
            int index = Children.FindIndex(c => StartsWithKey(c.Line, key));
            if (index >= 0) { var old = Children[index]; Children[index] = new ConfigNode(line); Children[index].Children.AddRange(old.Children); }
            else Children.Add(new ConfigNode(line));
        }

        /// <summary>'no KEY ...': removes the children starting with the key. Returns whether anything was removed.</summary>
        public bool Remove(string key) => Children.RemoveAll(c => StartsWithKey(c.Line, key)) > 0;

        public static bool StartsWithKey(string line, string key) =>
            line.Equals(key, StringComparison.OrdinalIgnoreCase) || line.StartsWith(key + " ", StringComparison.OrdinalIgnoreCase);

        /// <summary>Depth-first search for the first line starting with the key, at any depth.</summary>
        public ConfigNode FindDeep(Func<ConfigNode, bool> predicate)
        {
            foreach (var c in Children)
            {
                if (predicate(c)) return c;
                var hit = c.FindDeep(predicate);
                if (hit != null) return hit;
            }
            return null;
        }

        public void Render(StringBuilder text, int depth)
        {
            foreach (var c in Children)
            {
                text.Append(' ', depth).Append(c.Line).Append('\n');
                c.Render(text, depth + 1);
            }
        }
    }
}
