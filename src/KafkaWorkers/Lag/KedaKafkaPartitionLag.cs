namespace KafkaWorkers.Lag;

/// <summary>One partition's lag as KEDA's <c>kafka</c> scaler counts it in one evaluation.</summary>
public readonly record struct KedaKafkaPartitionLag
{
    /// <summary>Gets the offsets the lag was computed from.</summary>
    public KafkaPartitionOffsets Offsets { get; init; }

    /// <summary>
    /// Gets whether the partition took part in the evaluation: it belongs to the trigger's topic, passes
    /// <see cref="KedaKafkaTriggerSettings.PartitionLimitation"/> and is present in the end-offset answer.
    /// </summary>
    /// <value>When <see langword="false"/>, <see cref="Lag"/> and <see cref="ActivityLag"/> are 0.</value>
    public bool IsCounted { get; init; }

    /// <summary>
    /// Gets the lag the partition adds to the metric: <c>end - committed</c> (not clamped, so it can be negative),
    /// 1 or the end offset when nothing is committed (see <see cref="KedaOffsetResetPolicy"/>), 0 for persistent lag.
    /// </summary>
    public long Lag { get; init; }

    /// <summary>Gets the lag the partition adds to the activity total: like <see cref="Lag"/>, but persistent lag counts.</summary>
    public long ActivityLag { get; init; }

    /// <summary>
    /// Gets whether the partition's lag was excluded from the metric as persistent: with
    /// <see cref="KedaKafkaTriggerSettings.ExcludePersistentLag"/>, its committed offset equals the one seen in the
    /// previous evaluation.
    /// </summary>
    public bool IsPersistentLag { get; init; }
}
