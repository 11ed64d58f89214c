namespace KafkaWorkers.Lag;

/// <summary>
/// A ScaledJob's <c>scalingStrategy.strategy</c>: how KEDA turns the metric into a number of jobs to create per
/// polling interval. In each formula, <c>maxScale</c> is <c>min(ceil(metric / lagThreshold), maxReplicaCount)</c>,
/// <c>running</c> is the number of unfinished jobs minus <c>minReplicaCount</c>, and <c>pending</c> the number of
/// unfinished jobs none of whose pods runs or has succeeded.
/// </summary>
public enum KedaScaledJobStrategy
{
    /// <summary><c>default</c>: at most <c>maxScale - running</c> new jobs.</summary>
    Default = 0,

    /// <summary>
    /// <c>custom</c>: at most <c>min(maxScale - customScalingQueueLengthDeduction - trunc(running ×
    /// customScalingRunningJobPercentage), maxReplicaCount)</c> new jobs.
    /// </summary>
    Custom = 1,

    /// <summary>
    /// <c>accurate</c>: at most <c>maxReplicaCount - running</c> new jobs when <c>maxScale + running &gt;
    /// maxReplicaCount</c>, else <c>maxScale - pending</c>; for queues that delete a message once it is read.
    /// </summary>
    Accurate = 2,

    /// <summary>
    /// <c>eager</c>: at most <c>min(maxReplicaCount - running - pending, maxScale)</c> new jobs, and the number asked
    /// for becomes <c>maxReplicaCount</c>, so every free slot is filled at once.
    /// </summary>
    Eager = 3,
}
