using System;

namespace KafkaWorkers.Lag;

/// <summary>
/// A parsed <c>partitionLimitation</c>: the inclusive partition ranges KEDA looks at. Ranges are kept as bounds, not
/// expanded, so <c>0-2147483647</c> costs two numbers.
/// </summary>
/// <remarks>
/// One parser for the runtime model and the generator's diagnostic KW1005: this file is compiled into both
/// assemblies (the netstandard2.0 generator links it), so what the build accepts is what the model accepts.
/// </remarks>
internal sealed class PartitionLimitation
{
    internal const string SettingName = "PartitionLimitation";

    private readonly (int From, int To)[] _ranges;

    private PartitionLimitation((int From, int To)[] ranges) => _ranges = ranges;

    /// <summary>
    /// Parses a pattern the way KEDA does (<c>ParseInt32List</c> since kedacore/keda#7528): split on <c>,</c>; each
    /// item, white space trimmed, split on <c>-</c> is one number or a <c>from-to</c> range whose ends are trimmed too;
    /// a number is a base-10 32-bit integer with an optional <c>+</c>. A range whose start is above its end is valid
    /// and selects nothing.
    /// </summary>
    /// <returns><see langword="null"/> for a null or empty pattern (no limitation).</returns>
    /// <exception cref="FormatException">An item is not a number or range; the message names the setting and the item.</exception>
    internal static PartitionLimitation? Parse(string? pattern) =>
        TryParse(pattern, out var limitation, out var error) ? limitation : throw new FormatException(error);

    /// <summary>Parses a pattern as <see cref="Parse"/> does, without throwing.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="limitation">The limitation; <see langword="null"/> for a null or empty pattern, or on failure.</param>
    /// <param name="error">Why the pattern is refused, naming the setting and the item; <see langword="null"/> on success.</param>
    /// <returns>Whether KEDA accepts the pattern.</returns>
    internal static bool TryParse(string? pattern, out PartitionLimitation? limitation, out string? error)
    {
        limitation = null;
        error = null;
        if (pattern is null || pattern.Length == 0)
        {
            return true;
        }

        var items = pattern.Split(',');
        var ranges = new (int From, int To)[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var literals = TrimGoSpace(item).Split('-');
            if (literals.Length > 2)
            {
                error = Invalid(pattern, item, "is not a partition number or a 'from-to' range");
                return false;
            }

            var from = literals[0];
            var to = literals[literals.Length - 1];
            if (!TryParseNumber(from, out var first) || !TryParseNumber(to, out var last))
            {
                var bad = TryParseNumber(from, out _) ? to : from;
                error = Invalid(pattern, item, "has '" + TrimGoSpace(bad) + "', which is not a 32-bit partition number");
                return false;
            }

            ranges[i] = (first, last);
        }

        limitation = new PartitionLimitation(ranges);
        return true;
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

    /// <summary>Go's <c>strconv.ParseInt(strings.TrimSpace(literal), 10, 32)</c> for what can reach it here (no <c>-</c>).</summary>
    private static bool TryParseNumber(string literal, out int value)
    {
        value = 0;
        var text = TrimGoSpace(literal);
        var start = text.Length > 0 && text[0] == '+' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        long number = 0;
        for (var i = start; i < text.Length; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
            if (number > int.MaxValue)
            {
                return false;
            }
        }

        value = (int)number;
        return true;
    }

    /// <summary>Go's <c>strings.TrimSpace</c>: trims the characters <c>unicode.IsSpace</c> accepts.</summary>
    private static string TrimGoSpace(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && IsGoSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsGoSpace(text[end - 1]))
        {
            end--;
        }

        return text.Substring(start, end - start);
    }

    /// <summary>Go's <c>unicode.IsSpace</c>: <c>\t \n \v \f \r</c>, space, U+0085, U+00A0 and Unicode's White_Space above Latin-1.</summary>
    private static bool IsGoSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' => true,
        '\u1680' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    private static string Invalid(string pattern, string item, string problem) =>
        "The KEDA setting '" + SettingName + "' ('" + pattern + "') is invalid: the item '" + item + "' " + problem + ". " +
        "Expected comma-separated partition numbers and inclusive ranges, for example '1,2,10-12'.";
}
