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
    /// <value>Unset: none (the workload scales between the minimum and maximum). Must be less than <see cref="KedaKafkaScalerAttribute.MinReplicaCount"/>.</value>
    public int IdleReplicaCount { get; set; }

    /// <summary>Gets or sets the failed polls after which KEDA falls back to <see cref="FallbackReplicas"/> (<c>fallback.failureThreshold</c>).</summary>
    /// <value>Unset: no fallback. Set together with <see cref="FallbackReplicas"/>.</value>
    public int FallbackFailureThreshold { get; set; }

    /// <summary>Gets or sets the replica count used while the trigger fails (<c>fallback.replicas</c>).</summary>
    /// <value>Unset: no fallback. Set together with <see cref="FallbackFailureThreshold"/>.</value>
    public int FallbackReplicas { get; set; }

    /// <summary>
    /// Gets or sets the HPA's scale-up stabilization window in seconds
    /// (<c>advanced.horizontalPodAutoscalerConfig.behavior.scaleUp.stabilizationWindowSeconds</c>).
    /// </summary>
    /// <value>Unset: the HPA's default (0 seconds).</value>
    public int ScaleUpStabilizationWindowSeconds { get; set; }

    /// <summary>
    /// Gets or sets the HPA's scale-down stabilization window in seconds
    /// (<c>advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.stabilizationWindowSeconds</c>).
    /// </summary>
    /// <value>Unset: the HPA's default (300 seconds).</value>
    public int ScaleDownStabilizationWindowSeconds { get; set; }
}
