namespace KafkaWorkers.Lag;

/// <summary>
/// The parts of a KEDA <c>ScaledObject</c> and of the HPA it creates that decide the replica count. Every property
/// defaults to KEDA's (and Kubernetes') own default.
/// </summary>
public sealed class KedaScaledObjectSettings
{
    /// <summary>
    /// Gets or sets <c>minReplicaCount</c>. The HPA KEDA creates uses <c>max(minReplicaCount, 1)</c>.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/> (not set: KEDA's 0); it must not be negative or greater than
    /// <see cref="MaxReplicaCount"/>. Set and unset 0 differ only for <see cref="IdleReplicaCount"/>: KEDA compares the
    /// idle count with the HPA's minimum when the minimum is set (1 for a set 0), with 0 when it is not.
    /// </value>
    public int? MinReplicaCount { get; set; }

    /// <summary>Gets or sets <c>maxReplicaCount</c>, the HPA's <c>maxReplicas</c>.</summary>
    /// <value>The default is 100; it must be at least 1.</value>
    public int MaxReplicaCount { get; set; } = 100;

    /// <summary>
    /// Gets or sets <c>idleReplicaCount</c>: the replica count KEDA sets while the trigger is inactive, instead of
    /// <see cref="MinReplicaCount"/>. KEDA only supports 0 in practice, because the HPA does not act on a target at zero.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/> (not set). When set, it must not be negative and, as KEDA's
    /// <c>CheckReplicaCountBoundsAreValid</c> checks, it must be less than <c>max(MinReplicaCount, 1)</c> when
    /// <see cref="MinReplicaCount"/> is set and less than 0 (so never valid) when it is not: <c>idleReplicaCount: 0</c>
    /// with <c>minReplicaCount: 0</c> is accepted.
    /// </value>
    public int? IdleReplicaCount { get; set; }

    /// <summary>Gets or sets the HPA's tolerance around a usage ratio of 1 (<c>--horizontal-pod-autoscaler-tolerance</c>).</summary>
    /// <value>The default is 0.1; it must be between 0 and 1.</value>
    public double Tolerance { get; set; } = 0.1;

    /// <summary>Gets or sets which Kubernetes version's tolerance test to reproduce.</summary>
    /// <value>The default is <see cref="HpaToleranceRule.Inclusive"/> (Kubernetes 1.33 and later).</value>
    public HpaToleranceRule ToleranceRule { get; set; } = HpaToleranceRule.Inclusive;

    /// <summary>
    /// Gets or sets the HPA's <c>behavior</c> (<c>advanced.horizontalPodAutoscalerConfig.behavior</c>), used by
    /// <see cref="KedaHpaModel"/>.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: KEDA creates the HPA without a behavior, and the controller uses its older
    /// rules (see <see cref="HpaBehavior"/>).
    /// </value>
    public HpaBehavior? Behavior { get; set; }

    /// <summary>
    /// Gets or sets the controller's <c>--horizontal-pod-autoscaler-downscale-stabilization</c> in seconds: the
    /// scale-down window without a behavior, or when the behavior's scale-down sets none.
    /// </summary>
    /// <value>The default is 300 (5 minutes); it must be between 0 and 3600.</value>
    public int DownscaleStabilizationWindowSeconds { get; set; } = 300;
}
