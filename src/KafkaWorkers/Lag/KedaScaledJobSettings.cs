namespace KafkaWorkers.Lag;

/// <summary>
/// The parts of a KEDA <c>ScaledJob</c> that decide how many jobs it creates. Every property defaults to KEDA's own
/// default.
/// </summary>
public sealed class KedaScaledJobSettings
{
    /// <summary>Gets or sets <c>minReplicaCount</c>: the number of jobs KEDA keeps unfinished even without lag.</summary>
    /// <value>The default is 0; it must not be negative or greater than <see cref="MaxReplicaCount"/>.</value>
    public long MinReplicaCount { get; set; }

    /// <summary>Gets or sets <c>maxReplicaCount</c>: the most jobs the strategies let run at once.</summary>
    /// <value>The default is 100; it must not be negative.</value>
    public long MaxReplicaCount { get; set; } = 100;

    /// <summary>Gets or sets <c>scalingStrategy.strategy</c>.</summary>
    /// <value>The default is <see cref="KedaScaledJobStrategy.Default"/>.</value>
    public KedaScaledJobStrategy Strategy { get; set; } = KedaScaledJobStrategy.Default;

    /// <summary>Gets or sets <c>scalingStrategy.customScalingQueueLengthDeduction</c>, used by <see cref="KedaScaledJobStrategy.Custom"/>.</summary>
    /// <value>The default is <see langword="null"/>; <see cref="KedaScaledJobStrategy.Custom"/> needs it.</value>
    public int? CustomScalingQueueLengthDeduction { get; set; }

    /// <summary>
    /// Gets or sets <c>scalingStrategy.customScalingRunningJobPercentage</c> as a fraction (KEDA's <c>"0.5"</c> is 0.5),
    /// used by <see cref="KedaScaledJobStrategy.Custom"/>.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>. Like KEDA, which falls back to <see cref="KedaScaledJobStrategy.Default"/>
    /// when the percentage cannot be read, <see cref="KedaScaledJobStrategy.Custom"/> without it behaves as Default.
    /// </value>
    public double? CustomScalingRunningJobPercentage { get; set; }
}
