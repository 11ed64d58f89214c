namespace KafkaWorkers.Lag;

/// <summary>
/// Where KEDA's <c>kafka</c> scaler assumes a consumer group starts reading a partition it has never committed an
/// offset for: the trigger's <c>offsetResetPolicy</c>.
/// </summary>
public enum KafkaOffsetResetPolicy
{
    /// <summary>
    /// <c>latest</c>, KEDA's default: a partition without a committed offset counts a lag of 1 (0 with
    /// <see cref="KedaKafkaTriggerSettings.ScaleToZeroOnInvalidOffset"/>), so one consumer starts and commits.
    /// </summary>
    Latest = 0,

    /// <summary>
    /// <c>earliest</c>: a partition without a committed offset counts its whole log-end offset as lag (0 with
    /// <see cref="KedaKafkaTriggerSettings.ScaleToZeroOnInvalidOffset"/>).
    /// </summary>
    Earliest = 1,
}
