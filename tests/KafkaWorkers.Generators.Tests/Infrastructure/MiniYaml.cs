using System.Globalization;
using System.Text;

namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>A parsed YAML value.</summary>
internal abstract record YamlNode;

/// <summary>A scalar, and whether it was double-quoted (a quoted scalar is always a string).</summary>
internal sealed record YamlScalar(string Value, bool Quoted) : YamlNode;

/// <summary>A block sequence.</summary>
internal sealed record YamlList(IReadOnlyList<YamlNode> Items) : YamlNode;

/// <summary>A block mapping, in document order.</summary>
internal sealed record YamlMap(IReadOnlyList<KeyValuePair<string, YamlNode>> Entries) : YamlNode
{
    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

/// <summary>
/// Reads the YAML subset the generator writes, and nothing more: full-line comments, <c>---</c> separators, block
/// mappings of <c>key: value</c>, block sequences of mappings (<c>- key: value</c>), plain and double-quoted scalars.
/// Anything else (flow style, anchors, multi-line scalars, tabs) is an error, so the test also pins the subset.
/// </summary>
internal static class MiniYaml
{
    public static IReadOnlyList<YamlMap> ParseStream(string text)
    {
        var documents = new List<YamlMap>();
        var lines = new List<Line>();
        foreach (var raw in text.Split('\n'))
        {
            if (raw.Contains('\t') || raw.Contains('\r'))
            {
                throw new FormatException("tabs and carriage returns are outside the subset: " + raw);
            }

            var trimmed = raw.TrimStart(' ');
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (raw == "---")
            {
                documents.Add(ParseDocument(lines));
                lines = [];
                continue;
            }

            var indent = raw.Length - trimmed.Length;
            lines.Add(trimmed.StartsWith("- ", StringComparison.Ordinal)
                ? new Line(indent + 2, trimmed[2..], indent)
                : new Line(indent, trimmed, null));
        }

        documents.Add(ParseDocument(lines));
        return documents;
    }

    private static YamlMap ParseDocument(List<Line> lines)
    {
        var parser = new Parser(lines);
        var document = parser.ParseMap(0, firstIsItem: false);
        if (parser.Position != lines.Count)
        {
            throw new FormatException("unexpected line: " + lines[parser.Position].Text);
        }

        return document;
    }

    private static YamlScalar Scalar(string text)
    {
        if (!text.StartsWith('"'))
        {
            if (text.IndexOfAny(['"', '\'', '{', '[', '&', '*', '!', '|', '>', '#']) >= 0)
            {
                throw new FormatException("plain scalar outside the subset: " + text);
            }

            return new YamlScalar(text, Quoted: false);
        }

        var value = new StringBuilder();
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i != text.Length - 1)
                {
                    throw new FormatException("text after a quoted scalar: " + text);
                }

                return new YamlScalar(value.ToString(), Quoted: true);
            }

            if (c == '\\')
            {
                var escape = text[++i];
                value.Append(escape switch
                {
                    '"' => '"',
                    '\\' => '\\',
                    'x' => (char)int.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    _ => throw new FormatException("unknown escape in " + text),
                });
                i += escape == 'x' ? 2 : 0;
            }
            else
            {
                value.Append(c);
            }
        }

        throw new FormatException("unterminated quoted scalar: " + text);
    }

    private sealed record Line(int Indent, string Text, int? Dash);

    private sealed class Parser(List<Line> lines)
    {
        public int Position { get; private set; }

        public YamlMap ParseMap(int indent, bool firstIsItem)
        {
            var entries = new List<KeyValuePair<string, YamlNode>>();
            for (var first = true; Position < lines.Count; first = false)
            {
                var line = lines[Position];
                if (line.Indent != indent || (line.Dash is not null && !(first && firstIsItem)))
                {
                    break;
                }

                Position++;
                var colon = line.Text.IndexOf(": ", StringComparison.Ordinal);
                var key = colon < 0 ? line.Text.TrimEnd(':') : line.Text[..colon];
                if (colon < 0 && !line.Text.EndsWith(':'))
                {
                    throw new FormatException("expected 'key:' or 'key: value': " + line.Text);
                }

                if (entries.Any(e => e.Key == key))
                {
                    throw new FormatException("duplicate key: " + key);
                }

                entries.Add(new(key, colon >= 0 ? Scalar(line.Text[(colon + 2)..]) : ParseNested(indent)));
            }

            return new YamlMap(entries);
        }

        private YamlNode ParseNested(int parentIndent)
        {
            if (Position >= lines.Count)
            {
                throw new FormatException("a key without a value at the end");
            }

            var next = lines[Position];
            if (next.Dash is int dash && dash >= parentIndent)
            {
                var items = new List<YamlNode>();
                while (Position < lines.Count && lines[Position].Dash == dash)
                {
                    items.Add(ParseMap(dash + 2, firstIsItem: true));
                }

                return new YamlList(items);
            }

            if (next.Indent <= parentIndent)
            {
                throw new FormatException("a key without a value before: " + next.Text);
            }

            return ParseMap(next.Indent, firstIsItem: false);
        }
    }
}
