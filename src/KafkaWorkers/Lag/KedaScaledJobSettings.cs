namespace KafkaWorkers.Lag;

/// <summary>
/// The parts of a KEDA <c>ScaledJob</c> that decide how many jobs it creates. Every property defaults to KEDA's own
/// default.
/// </summary>
public sealed class KedaScaledJobSettings
{
    /// <summary>KEDA's <c>maxReplicaCount</c> when the ScaledJob does not set it.</summary>
    public const long DefaultMaxReplicaCount = 100;

    /// <summary>Gets or sets <c>minReplicaCount</c>: the number of jobs KEDA keeps unfinished even without lag.</summary>
    /// <value>
    /// The default is 0; it must not be negative. Like KEDA, a minimum above a set <see cref="MaxReplicaCount"/> is
    /// clamped to that maximum, not refused.
    /// </value>
    public long MinReplicaCount { get; set; }

    /// <summary>
    /// Gets or sets <c>maxReplicaCount</c>. KEDA's strategies work with <c>maxReplicaCount - minReplicaCount</c> when it
    /// is set (the jobs the minimum keeps are already there), with 100 when it is not.
    /// </summary>
    /// <value>The default is <see langword="null"/> (not set: 100); it must not be negative.</value>
    public long? MaxReplicaCount { get; set; }

    /// <summary>Gets or sets <c>scalingStrategy.strategy</c>.</summary>
    /// <value>The default is <see cref="KedaScalingStrategy.Default"/>.</value>
    public KedaScalingStrategy Strategy { get; set; } = KedaScalingStrategy.Default;

    /// <summary>Gets or sets <c>scalingStrategy.customScalingQueueLengthDeduction</c>, used by <see cref="KedaScalingStrategy.Custom"/>.</summary>
    /// <value>The default is <see langword="null"/>, which counts as 0 (kedacore/keda#7871).</value>
    public int? CustomScalingQueueLengthDeduction { get; set; }

    /// <summary>
    /// Gets or sets <c>scalingStrategy.customScalingRunningJobPercentage</c> as a fraction (KEDA's <c>"0.5"</c> is 0.5),
    /// used by <see cref="KedaScalingStrategy.Custom"/>.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>. Like KEDA, which falls back to <see cref="KedaScalingStrategy.Default"/>
    /// when the percentage cannot be read, <see cref="KedaScalingStrategy.Custom"/> without it behaves as Default.
    /// </value>
    public double? CustomScalingRunningJobPercentage { get; set; }
}
