namespace KafkaWorkers.Lag;

/// <summary>The kind of an HPA scaling policy (<c>behavior.scaleUp.policies[].type</c>).</summary>
public enum HpaScalingPolicyType
{
    /// <summary><c>Pods</c>: at most <see cref="HpaScalingPolicy.Value"/> replicas added or removed per period.</summary>
    Pods = 0,

    /// <summary>
    /// <c>Percent</c>: at most <see cref="HpaScalingPolicy.Value"/> percent of the replicas at the start of the period
    /// added (rounded up) or removed (the remaining count rounded down) per period.
    /// </summary>
    Percent = 1,
}
