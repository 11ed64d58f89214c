using System.Globalization;

namespace KafkaWorkers.Hosting;

/// <summary>Reads librdkafka's <c>max.poll.interval.ms</c> from a worker's raw consumer settings.</summary>
internal static class MaxPollInterval
{
    public const string Setting = "max.poll.interval.ms";

    /// <summary>librdkafka's default: 300 000 ms (5 minutes).</summary>
    public const int DefaultMilliseconds = 300_000;

    /// <summary>Reads the setting, or the default when it is not set.</summary>
    /// <returns><see langword="false"/> when it is set but not a whole number of milliseconds (<paramref name="milliseconds"/> is then the default).</returns>
    public static bool TryRead(IDictionary<string, string>? consumer, out int milliseconds)
    {
        milliseconds = DefaultMilliseconds;
        if (consumer is null || !consumer.TryGetValue(Setting, out var configured))
        {
            return true;
        }

        if (!int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        milliseconds = parsed;
        return true;
    }
}
