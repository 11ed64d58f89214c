namespace KafkaWorkers.Lag;

/// <summary>One HPA scaling policy: how much the replica count may change within a period (<c>policies[]</c>).</summary>
public sealed class HpaScalingPolicy
{
    /// <summary>Gets or sets the kind of the policy (<c>type</c>).</summary>
    /// <value>The default is <see cref="HpaScalingPolicyType.Pods"/>.</value>
    public HpaScalingPolicyType Type { get; set; }

    /// <summary>Gets or sets the number of replicas or the percentage (<c>value</c>).</summary>
    /// <value>No default; it must be greater than zero, as Kubernetes validates it.</value>
    public int Value { get; set; }

    /// <summary>Gets or sets the length of the period in seconds (<c>periodSeconds</c>).</summary>
    /// <value>The default is 15; it must be between 1 and 1800, as Kubernetes validates it.</value>
    public int PeriodSeconds { get; set; } = 15;
}
