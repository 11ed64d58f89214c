namespace KafkaWorkers;

/// <summary>
/// Where KEDA's <c>kafka</c> scaler assumes a consumer group starts reading a partition it has never committed an
/// offset for: the trigger's <c>offsetResetPolicy</c>.
/// </summary>
/// <remarks>
/// Used by <see cref="KedaKafkaScalerAttribute.OffsetResetPolicy"/> (the generated YAML) and
/// <c>KafkaWorkers.Lag.KedaKafkaTriggerSettings.OffsetResetPolicy</c> (the model). The YAML names the member in lower
/// case, so the numeric values carry no meaning.
/// </remarks>
public enum KedaOffsetResetPolicy
{
    /// <summary>
    /// <c>latest</c>, KEDA's default: a partition without a committed offset counts a lag of 1 (0 with
    /// <c>scaleToZeroOnInvalidOffset</c>), so one consumer starts and commits.
    /// </summary>
    Latest = 0,

    /// <summary>
    /// <c>earliest</c>: a partition without a committed offset counts its whole log-end offset as lag (0 with
    /// <c>scaleToZeroOnInvalidOffset</c>).
    /// </summary>
    Earliest = 1,
}
