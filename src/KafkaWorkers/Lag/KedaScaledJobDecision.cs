namespace KafkaWorkers.Lag;

/// <summary>What KEDA's job executor decides in one polling interval of a ScaledJob, with the intermediate values.</summary>
public readonly record struct KedaScaledJobDecision
{
    /// <summary>
    /// Gets whether the ScaledJob is active: the trigger is active with a metric above zero, or
    /// <c>minReplicaCount</c> is above zero. Only an active ScaledJob creates jobs.
    /// </summary>
    public bool IsActive { get; init; }

    /// <summary>Gets the number of jobs asked for before the strategy: <c>ceil(metric)</c>, or 0 when the trigger was not taken.</summary>
    public long QueueLength { get; init; }

    /// <summary>
    /// Gets <c>maxScale</c>: <c>ceil(min(metric / lagThreshold, max))</c> with KEDA's effective maximum <c>max</c>
    /// (<c>maxReplicaCount - minReplicaCount</c> when the maximum is set), or 0 when the trigger was not taken.
    /// </summary>
    public long MaxScale { get; init; }

    /// <summary>
    /// Gets the number of jobs asked for after the strategy: <see cref="QueueLength"/>, the effective maximum with
    /// <see cref="KedaScalingStrategy.Eager"/>, or <c>minReplicaCount - running</c> when fewer jobs run than the minimum.
    /// </summary>
    public long ScaleTo { get; init; }

    /// <summary>Gets the strategy's limit on new jobs, never below 0.</summary>
    public long EffectiveMaxScale { get; init; }

    /// <summary>Gets the number of jobs KEDA creates: <c>min(ScaleTo, EffectiveMaxScale)</c> when active, else 0.</summary>
    public long JobsToCreate { get; init; }
}
