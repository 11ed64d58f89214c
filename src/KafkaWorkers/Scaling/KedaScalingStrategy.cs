namespace KafkaWorkers;

/// <summary>
/// A ScaledJob's <c>scalingStrategy.strategy</c>: how KEDA turns the metric into a number of jobs to create per
/// polling interval. In each formula, <c>max</c> is KEDA's effective maximum (<c>maxReplicaCount -
/// minReplicaCount</c> when <c>maxReplicaCount</c> is set, else 100), <c>maxScale</c> is
/// <c>ceil(min(metric / lagThreshold, max))</c>, <c>running</c> is the number of unfinished jobs minus
/// <c>minReplicaCount</c>, and <c>pending</c> the number of unfinished jobs none of whose pods runs or has succeeded.
/// </summary>
/// <remarks>
/// Used by <see cref="KedaScaledJobAttribute.ScalingStrategy"/> (the generated YAML) and
/// <c>KafkaWorkers.Lag.KedaScaledJobSettings.Strategy</c> (the model). The YAML names the member in lower case, so the
/// numeric values carry no meaning.
/// </remarks>
public enum KedaScalingStrategy
{
    /// <summary><c>default</c>: at most <c>maxScale - running</c> new jobs. KEDA's default.</summary>
    Default = 0,

    /// <summary>
    /// <c>custom</c>: at most <c>min(maxScale - customScalingQueueLengthDeduction - trunc(running ×
    /// customScalingRunningJobPercentage), max)</c> new jobs, an unset deduction counting 0; without a percentage, as
    /// <see cref="Default"/>.
    /// </summary>
    Custom = 1,

    /// <summary>
    /// <c>accurate</c>: at most <c>max - running</c> new jobs when <c>maxScale + running - pending &gt; max</c>, else
    /// <c>maxScale - pending</c>; for queues that delete a message once it is read.
    /// </summary>
    Accurate = 2,

    /// <summary>
    /// <c>eager</c>: at most <c>min(max - running - pending, maxScale)</c> new jobs, and the number asked for becomes
    /// <c>max</c>, so every free slot is filled at once.
    /// </summary>
    Eager = 3,
}
