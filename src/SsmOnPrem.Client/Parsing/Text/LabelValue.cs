using System;

namespace SsmOnPrem.Client.Parsing.Text
{
    /// <summary>Reads "Label: value" lines. The label is the text before the first ": " (or a final ':'); URLs and times keep their colons.</summary>
    public static class LabelValue
    {
        /// <summary>Splits "Label: value" (value may be empty: "Registration:"). False when the line has no label.</summary>
        public static bool TryRead(string line, out string label, out string value)
        {
            label = value = null;
            if (string.IsNullOrEmpty(line)) return false;
            int colon = FindLabelColon(line);
            if (colon <= 0) return false;
            label = line.Substring(0, colon).TrimEnd();
            if (label.Length == 0) return false;
            value = line.Substring(colon + 1).Trim();
            return true;
        }

        // The first ':' followed by whitespace or the end of the line. "Active:PID:C9300,SN:X" has none and is handled by its own reader.
        private static int FindLabelColon(string line)
        {
            int from = 0;
            while (true)
            {
                int colon = line.IndexOf(':', from);
                if (colon < 0) return -1;
                if (colon == line.Length - 1 || line[colon + 1] == ' ' || line[colon + 1] == '\t') return colon;
                from = colon + 1;
            }
        }

        /// <summary>Finds "Label: value" inside a line that holds several ("Total Acknowledged Received: 162,  Waiting for Ack: 0(10)"); returns the value up to the next ',' or double space.</summary>
        public static string Find(string line, string label)
        {
            int at = line.IndexOf(label, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return null;
            int start = at + label.Length;
            while (start < line.Length && (line[start] == ':' || line[start] == ' ')) start++;
            int end = start;
            while (end < line.Length && line[end] != ',' && !(line[end] == ' ' && end + 1 < line.Length && line[end + 1] == ' ')) end++;
            return line.Substring(start, end - start).Trim();
        }
    }
}
