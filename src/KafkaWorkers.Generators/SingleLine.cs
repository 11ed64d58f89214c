using System.Text;

namespace KafkaWorkers.Generators;

/// <summary>Makes user text safe inside a one-line comment (YAML or C#): control characters become spaces.</summary>
internal static class SingleLine
{
    public static string From(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            safe.Append(c < ' ' || c == '\u007f' || c == '\u2028' || c == '\u2029' || c == '\u0085' ? ' ' : c);
        }

        return safe.ToString();
    }
}
