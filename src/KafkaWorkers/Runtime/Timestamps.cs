namespace KafkaWorkers.Runtime;

/// <summary>Deadline arithmetic on <see cref="TimeProvider"/> timestamps, written once.</summary>
internal static class Timestamps
{
    /// <summary>Gets the timestamp <paramref name="duration"/> from now on <paramref name="time"/>'s clock.</summary>
    public static long After(TimeProvider time, TimeSpan duration) => time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency);

    /// <summary>Gets the time left until <paramref name="deadline"/> (a timestamp of <paramref name="time"/>), or zero once it passed.</summary>
    public static TimeSpan Until(TimeProvider time, long deadline) =>
        TimeSpan.FromSeconds(Math.Max(0, deadline - time.GetTimestamp()) / (double)time.TimestampFrequency);
}
