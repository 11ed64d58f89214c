namespace KafkaWorkers;

/// <summary>
/// Generates a KEDA <c>ScaledObject</c> with a <c>kafka</c> trigger for the worker declared by
/// <see cref="KafkaWorkerAttribute"/> on the same handler class.
/// </summary>
/// <remarks>
/// <para>
/// The generator emits the manifest as a constant of the generated <c>KafkaWorkers.Generated.KedaManifests</c> class
/// and, after <c>dotnet build</c>, as <c>$(OutDir)keda/&lt;worker&gt;.yaml</c>. Unset properties are omitted, so
/// KEDA's defaults apply (see <see cref="KedaKafkaScalerAttribute"/>).
/// </para>
/// <para>
/// The <c>ScaleUp*</c> and <c>ScaleDown*</c> properties write the HPA's <c>behavior</c>
/// (<c>advanced.horizontalPodAutoscalerConfig.behavior</c>): a direction none of whose properties is written is left
/// out, so Kubernetes' defaults apply to it; when no behavior property is written, KEDA creates the HPA without a
/// behavior and the controller's older rules apply (see <c>KafkaWorkers.Lag.HpaBehavior</c>).
/// </para>
/// <para>
/// Configuration cannot change the generated YAML. At run time only the lag monitor reads the attribute: its trigger
/// and replica settings are the defaults of the worker's <c>KafkaLagOptions</c>, so the lag the app reports is computed
/// with the same settings KEDA uses.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// [KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
/// [KedaScaledObject(MinReplicaCount = 0, MaxReplicaCount = 6, LagThreshold = 50, Partitions = 6)]
/// public sealed class OrderHandler : IKafkaHandler&lt;string, Order&gt; { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KedaScaledObjectAttribute : KedaKafkaScalerAttribute
{
    /// <summary>Gets or sets the kind of the scaled workload (<c>scaleTargetRef.kind</c>).</summary>
    /// <value>Unset: <see cref="KedaScaleTargetKind.Deployment"/>.</value>
    public KedaScaleTargetKind TargetKind { get; set; }

    /// <summary>Gets or sets the name of the scaled workload (<c>scaleTargetRef.name</c>).</summary>
    /// <value>
    /// Unset: the MSBuild property <c>KafkaWorkersKedaTargetName</c>, else the project's assembly name in lower case
    /// with <c>.</c> and <c>_</c> replaced by <c>-</c>. With <see cref="KubernetesDeploymentAttribute"/> it is also the
    /// generated Deployment's name.
    /// </value>
    public string? TargetName { get; set; }

    /// <summary>Gets or sets the seconds to wait after the last active trigger before scaling to zero (<c>cooldownPeriod</c>).</summary>
    /// <value>Unset: 300 seconds. Should not be shorter than the worker's shutdown timeout (diagnostic KW1011).</value>
    public int CooldownPeriod { get; set; }

    /// <summary>Gets or sets the seconds after creation before KEDA may first scale to zero (<c>initialCooldownPeriod</c>).</summary>
    /// <value>Unset: 0 seconds.</value>
    public int InitialCooldownPeriod { get; set; }

    /// <summary>Gets or sets the replica count while no trigger is active (<c>idleReplicaCount</c>).</summary>
    /// <value>
    /// Unset: none (the workload scales between the minimum and maximum). Must be less than
    /// <see cref="KedaKafkaScalerAttribute.MinReplicaCount"/> (diagnostic KW1012), and only 0 works: the HPA scales a
    /// non-zero idle count straight back up to the minimum (diagnostic KW1026).
    /// </value>
    public int IdleReplicaCount { get; set; }

    /// <summary>Gets or sets the failed polls after which KEDA falls back to <see cref="FallbackReplicas"/> (<c>fallback.failureThreshold</c>).</summary>
    /// <value>Unset: no fallback. Set together with <see cref="FallbackReplicas"/>.</value>
    public int FallbackFailureThreshold { get; set; }

    /// <summary>Gets or sets the replica count used while the trigger fails (<c>fallback.replicas</c>).</summary>
    /// <value>Unset: no fallback. Set together with <see cref="FallbackFailureThreshold"/>.</value>
    public int FallbackReplicas { get; set; }

    /// <summary>
    /// Gets or sets the HPA's scale-up stabilization window in seconds
    /// (<c>advanced.horizontalPodAutoscalerConfig.behavior.scaleUp.stabilizationWindowSeconds</c>): the HPA scales up to
    /// no more than the lowest recommendation of the window.
    /// </summary>
    /// <value>Unset: 0 seconds. From 0 to 3600.</value>
    public int ScaleUpStabilizationWindowSeconds { get; set; }

    /// <summary>Gets or sets how the HPA picks among the scale-up policies (<c>behavior.scaleUp.selectPolicy</c>).</summary>
    /// <value>Unset: <see cref="HpaSelectPolicy.Max"/>. <see cref="HpaSelectPolicy.Disabled"/> stops the HPA from scaling up.</value>
    public HpaSelectPolicy ScaleUpSelectPolicy { get; set; }

    /// <summary>
    /// Gets or sets a <c>Pods</c> scale-up policy: at most this many replicas added per <see cref="ScaleUpPodsPeriodSeconds"/>.
    /// </summary>
    /// <value>
    /// Unset: none. When this or <see cref="ScaleUpPercent"/> is written, the written ones replace Kubernetes' default
    /// scale-up policies (4 pods and 100 % per 15 seconds). Greater than zero.
    /// </value>
    public int ScaleUpPods { get; set; }

    /// <summary>Gets or sets the period of the <see cref="ScaleUpPods"/> policy, in seconds.</summary>
    /// <value>Unset: 15 seconds. From 1 to 1800; only with <see cref="ScaleUpPods"/> (diagnostic KW1017).</value>
    public int ScaleUpPodsPeriodSeconds { get; set; }

    /// <summary>
    /// Gets or sets a <c>Percent</c> scale-up policy: at most this percentage of the replicas added (rounded up) per
    /// <see cref="ScaleUpPercentPeriodSeconds"/>.
    /// </summary>
    /// <value>Unset: none (see <see cref="ScaleUpPods"/>). Greater than zero.</value>
    public int ScaleUpPercent { get; set; }

    /// <summary>Gets or sets the period of the <see cref="ScaleUpPercent"/> policy, in seconds.</summary>
    /// <value>Unset: 15 seconds. From 1 to 1800; only with <see cref="ScaleUpPercent"/> (diagnostic KW1017).</value>
    public int ScaleUpPercentPeriodSeconds { get; set; }

    /// <summary>
    /// Gets or sets the HPA's scale-down stabilization window in seconds
    /// (<c>advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds</c>): the HPA scales down
    /// to no less than the highest recommendation of the window.
    /// </summary>
    /// <value>Unset: the controller's <c>--horizontal-pod-autoscaler-downscale-stabilization</c>, 300 seconds. From 0 to 3600.</value>
    public int ScaleDownStabilizationWindowSeconds { get; set; }

    /// <summary>Gets or sets how the HPA picks among the scale-down policies (<c>behavior.scaleDown.selectPolicy</c>).</summary>
    /// <value>Unset: <see cref="HpaSelectPolicy.Max"/>. <see cref="HpaSelectPolicy.Disabled"/> stops the HPA from scaling down.</value>
    public HpaSelectPolicy ScaleDownSelectPolicy { get; set; }

    /// <summary>
    /// Gets or sets a <c>Pods</c> scale-down policy: at most this many replicas removed per
    /// <see cref="ScaleDownPodsPeriodSeconds"/>.
    /// </summary>
    /// <value>
    /// Unset: none. When this or <see cref="ScaleDownPercent"/> is written, the written ones replace Kubernetes' default
    /// scale-down policy (100 % per 15 seconds). Greater than zero.
    /// </value>
    public int ScaleDownPods { get; set; }

    /// <summary>Gets or sets the period of the <see cref="ScaleDownPods"/> policy, in seconds.</summary>
    /// <value>Unset: 15 seconds. From 1 to 1800; only with <see cref="ScaleDownPods"/> (diagnostic KW1017).</value>
    public int ScaleDownPodsPeriodSeconds { get; set; }

    /// <summary>
    /// Gets or sets a <c>Percent</c> scale-down policy: at most this percentage of the replicas removed (the remaining
    /// count rounded down) per <see cref="ScaleDownPercentPeriodSeconds"/>.
    /// </summary>
    /// <value>Unset: none (see <see cref="ScaleDownPods"/>). Greater than zero.</value>
    public int ScaleDownPercent { get; set; }

    /// <summary>Gets or sets the period of the <see cref="ScaleDownPercent"/> policy, in seconds.</summary>
    /// <value>Unset: 15 seconds. From 1 to 1800; only with <see cref="ScaleDownPercent"/> (diagnostic KW1017).</value>
    public int ScaleDownPercentPeriodSeconds { get; set; }
}
