namespace KafkaWorkers.Failures;

/// <summary>
/// Exponential backoff with jitter: before retry <c>n</c> (1-based) the ceiling is <c>initial × 2^(n-1)</c>, capped at
/// <c>max</c>, and the delay is drawn between half the ceiling and the ceiling, so retries of many messages spread out
/// while none comes back at once.
/// </summary>
internal sealed class Backoff(TimeSpan initial, TimeSpan max)
{
    /// <summary>Gets the delay before a retry, drawn with <see cref="Random.Shared"/>.</summary>
    /// <param name="retry">The retry, from 1.</param>
    public TimeSpan Next(int retry) => Delay(retry, Random.Shared.NextDouble());

    /// <summary>Gets the delay before a retry for a given jitter.</summary>
    /// <param name="retry">The retry, from 1.</param>
    /// <param name="jitter">A number from 0 (half the ceiling) to 1 (the ceiling).</param>
    public TimeSpan Delay(int retry, double jitter)
    {
        var exponent = Math.Min(Math.Max(retry, 1) - 1, 62);
        var ceiling = Math.Min(initial.Ticks * Math.Pow(2, exponent), max.Ticks);
        return TimeSpan.FromTicks((long)(ceiling * (0.5 + (Math.Clamp(jitter, 0, 1) / 2))));
    }
}
