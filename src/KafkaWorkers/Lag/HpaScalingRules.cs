namespace KafkaWorkers.Lag;

/// <summary>
/// The HPA's rules for one direction (<c>behavior.scaleUp</c> or <c>behavior.scaleDown</c>). A property left
/// <see langword="null"/> takes Kubernetes' default for the direction, as the API server fills it in.
/// </summary>
public sealed class HpaScalingRules
{
    /// <summary>
    /// Gets or sets <c>stabilizationWindowSeconds</c>: the HPA scales up to no more than the lowest, and down to no less
    /// than the highest, recommendation of this many seconds.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: 0 for scale-up, the controller's
    /// <see cref="KedaScaledObjectSettings.DownscaleStabilizationWindowSeconds"/> (300) for scale-down. When set, it must
    /// be between 0 and 3600.
    /// </value>
    public int? StabilizationWindowSeconds { get; set; }

    /// <summary>Gets or sets <c>selectPolicy</c>.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="HpaSelectPolicy.Max"/>.</value>
    public HpaSelectPolicy? SelectPolicy { get; set; }

    /// <summary>Gets or sets <c>policies</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: for scale-up 4 pods and 100 % per 15 s, for scale-down 100 % per 15 s.
    /// When set, it must hold at least one policy.
    /// </value>
    public IList<HpaScalingPolicy>? Policies { get; set; }
}
