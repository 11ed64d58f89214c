using System.Globalization;

namespace KafkaWorkers.Generators;

/// <summary>The syntax KEDA accepts for <c>partitionLimitation</c>: comma-separated partition ids and <c>a-b</c> ranges.</summary>
internal static class PartitionLimitation
{
    public static bool IsWellFormed(string value)
    {
        foreach (var part in value.Split(','))
        {
            var item = part.Trim();
            var dash = item.IndexOf('-');
            if (dash < 0)
            {
                if (!IsPartition(item, out _))
                {
                    return false;
                }
            }
            else if (!IsPartition(item.Substring(0, dash), out var first)
                || !IsPartition(item.Substring(dash + 1), out var last)
                || first > last)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPartition(string text, out int partition) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out partition);
}
