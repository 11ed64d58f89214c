namespace KafkaWorkers.Generators.Model;

/// <summary>Everything needed to write one worker's manifests; free of Roslyn symbols and syntax.</summary>
/// <param name="WorkerName">The worker's name from <c>[KafkaWorker]</c>.</param>
/// <param name="HandlerType">The handler class's fully qualified name, for the header comment.</param>
/// <param name="ResourceName">The ScaledObject or ScaledJob name.</param>
/// <param name="TriggerType">The trigger's type: <c>kafka</c>, or <c>prometheus</c> for a share worker.</param>
/// <param name="TriggerMetricType">The trigger's <c>metricType</c>, or <see langword="null"/> for KEDA's default (<c>AverageValue</c>).</param>
/// <param name="TriggerMetadata">The trigger's metadata, in KEDA's order.</param>
/// <param name="Authentication">The TriggerAuthentication, if declared.</param>
/// <param name="ScaledObject">The ScaledObject, or <see langword="null"/> for a ScaledJob.</param>
/// <param name="ScaledJob">The ScaledJob, or <see langword="null"/> for a ScaledObject.</param>
/// <param name="Pod">The pod settings of the ScaledJob's job template or of the Deployment; <see langword="null"/> for a ScaledObject alone.</param>
/// <param name="Deployment">The Deployment to generate with the ScaledObject, or <see langword="null"/>.</param>
internal sealed record WorkerManifestSpec(
    string WorkerName,
    string HandlerType,
    string ResourceName,
    string TriggerType,
    string? TriggerMetricType,
    EquatableArray<KeyValue> TriggerMetadata,
    TriggerAuthenticationSpec? Authentication,
    ScaledObjectSpec? ScaledObject,
    ScaledJobSpec? ScaledJob,
    PodSpec? Pod,
    DeploymentSpec? Deployment);
