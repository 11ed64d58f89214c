using System.Globalization;
using System.Text;

namespace KafkaWorkers.Generators;

/// <summary>
/// Writes the small block-style YAML subset the manifests use: two-space indentation, <c>key: value</c> lines,
/// <c>- </c> list items, comments and document separators. Lines end with <c>\n</c> on every platform.
/// </summary>
internal sealed class YamlWriter
{
    private readonly StringBuilder _builder = new();

    /// <summary>Writes a full-line comment; line breaks and other control characters in it become spaces.</summary>
    public void Comment(string text) => Line(0, "# " + SingleLine.From(text));

    public void DocumentSeparator() => Line(0, "---");

    /// <summary>Writes <c>key:</c>, opening a nested block.</summary>
    public void Block(int indent, string key) => Line(indent, key + ":");

    /// <summary>
    /// Writes <c>key: value</c> unquoted for names, kinds and api versions, quoting a value that YAML would read as
    /// something other than that string (a number, a boolean, null) or that holds other characters.
    /// </summary>
    public void Plain(int indent, string key, string value) => Line(indent, key + ": " + (IsPlainSafe(value) ? value : Quote(value)));

    /// <summary>Writes <c>key: "value"</c>, double-quoted and escaped.</summary>
    public void Quoted(int indent, string key, string value) => Line(indent, key + ": " + Quote(value));

    /// <summary>Writes <c>key: 10</c> when the value is set; an unset value is omitted.</summary>
    public void Number(int indent, string key, int? value)
    {
        if (value is not null)
        {
            Line(indent, key + ": " + value.Value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Writes a list item's first line, <c>- key: value</c>, at <paramref name="indent"/>, quoting as <see cref="Plain"/> does.</summary>
    public void Item(int indent, string key, string value) => Line(indent, "- " + key + ": " + (IsPlainSafe(value) ? value : Quote(value)));

    /// <summary>Writes a list item that opens a nested block, <c>- key:</c>.</summary>
    public void ItemBlock(int indent, string key) => Line(indent, "- " + key + ":");

    public override string ToString() => _builder.ToString();

    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ' or '\u007f':
                    builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || !char.IsLetter(value[0]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.' or '/' or '_'))
            {
                return false;
            }
        }

        return value.ToLowerInvariant() is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n");
    }

    private void Line(int indent, string text) => _builder.Append(' ', indent).Append(text).Append('\n');
}
