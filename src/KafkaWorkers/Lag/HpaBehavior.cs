namespace KafkaWorkers.Lag;

/// <summary>
/// The HPA's <c>behavior</c>, as a ScaledObject gives it in <c>advanced.horizontalPodAutoscalerConfig.behavior</c>.
/// </summary>
/// <remarks>
/// <para>
/// Without a behavior (<see cref="KedaScaledObjectSettings.Behavior"/> <see langword="null"/>, KEDA's default) the HPA
/// controller uses its older rules: a scale-down takes the highest recommendation of the last
/// <see cref="KedaScaledObjectSettings.DownscaleStabilizationWindowSeconds"/> (300 s), and one sync scales up to at most
/// <c>max(2 × current, 4)</c> replicas.
/// </para>
/// <para>
/// With a behavior, what it leaves out takes Kubernetes' defaults: scale-up with no stabilization, at most
/// <c>max(current + 4, 2 × current)</c> per 15 s (the larger of 4 pods and 100 %); scale-down stabilized over the
/// controller's window (300 s) and by at most 100 % per 15 s.
/// </para>
/// </remarks>
public sealed class HpaBehavior
{
    /// <summary>Gets or sets <c>scaleUp</c>.</summary>
    /// <value>The default is <see langword="null"/>: Kubernetes' default scale-up rules.</value>
    public HpaScalingRules? ScaleUp { get; set; }

    /// <summary>Gets or sets <c>scaleDown</c>.</summary>
    /// <value>The default is <see langword="null"/>: Kubernetes' default scale-down rules.</value>
    public HpaScalingRules? ScaleDown { get; set; }
}
