using System.Globalization;

namespace KafkaWorkers.Lag;

/// <summary>
/// A parsed <c>partitionLimitation</c>: the inclusive partition ranges KEDA looks at. Ranges are kept as bounds, not
/// expanded, so <c>0-2147483647</c> costs two numbers.
/// </summary>
internal sealed class PartitionLimitation
{
    internal const string SettingName = nameof(KedaKafkaTriggerSettings.PartitionLimitation);

    private readonly (int From, int To)[] _ranges;

    private PartitionLimitation((int From, int To)[] ranges) => _ranges = ranges;

    /// <summary>
    /// Parses a pattern the way KEDA does: split on <c>,</c>; each item split on <c>-</c> is one number or a
    /// <c>from-to</c> range; numbers are base-10 32-bit integers with an optional <c>+</c> and nothing else around them.
    /// </summary>
    /// <returns><see langword="null"/> for a null, empty or white-space pattern (no limitation).</returns>
    /// <exception cref="FormatException">An item is not a number or range; the message names the setting and the item.</exception>
    internal static PartitionLimitation? Parse(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return null;
        }

        var items = pattern.Split(',');
        var ranges = new (int From, int To)[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var literals = item.Split('-');
            ranges[i] = literals.Length switch
            {
                1 => (ParseNumber(pattern, item, literals[0]), ParseNumber(pattern, item, literals[0])),
                2 => (ParseNumber(pattern, item, literals[0]), ParseNumber(pattern, item, literals[1])),
                _ => throw Invalid(pattern, item, "is not a partition number or a 'from-to' range"),
            };
        }

        return new PartitionLimitation(ranges);
    }

    internal bool Contains(int partition)
    {
        foreach (var (from, to) in _ranges)
        {
            if (partition >= from && partition <= to)
            {
                return true;
            }
        }

        return false;
    }

    private static int ParseNumber(string pattern, string item, string literal) =>
        int.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Invalid(pattern, item, $"has '{literal}', which is not a 32-bit partition number");

    private static FormatException Invalid(string pattern, string item, string problem) =>
        new($"The KEDA setting '{SettingName}' ('{pattern}') is invalid: the item '{item}' {problem}. " +
            "Expected comma-separated partition numbers and inclusive ranges, for example '1,2,10-12'.");
}
