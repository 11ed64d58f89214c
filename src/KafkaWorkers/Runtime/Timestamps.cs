namespace KafkaWorkers.Runtime;

/// <summary>Deadline arithmetic on <see cref="TimeProvider"/> timestamps, written once.</summary>
internal static class Timestamps
{
    /// <summary>Gets the timestamp <paramref name="duration"/> from now on <paramref name="time"/>'s clock.</summary>
    public static long After(TimeProvider time, TimeSpan duration) => time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency);
}
