namespace KafkaWorkers.Generators.Model;

/// <summary>
/// What the worker's pod needs from the code, shared by the generated Deployment and the ScaledJob's job template: the
/// grace period, the environment sources and the variables derived from the worker, the trigger and its authentication.
/// </summary>
/// <param name="TerminationGracePeriodSeconds">The pod's <c>terminationGracePeriodSeconds</c>.</param>
/// <param name="EnvironmentConfigMap">A ConfigMap for <c>envFrom</c>, or <see langword="null"/>.</param>
/// <param name="EnvironmentSecret">A Secret for <c>envFrom</c>, or <see langword="null"/>.</param>
/// <param name="Environment">The container's variables, in order.</param>
/// <param name="Requests">The container's resource requests (<c>cpu</c>, <c>memory</c>) that are set.</param>
/// <param name="Limits">The container's resource limits that are set.</param>
internal sealed record PodSpec(
    int TerminationGracePeriodSeconds,
    string? EnvironmentConfigMap,
    string? EnvironmentSecret,
    EquatableArray<EnvironmentVariable> Environment,
    EquatableArray<KeyValue> Requests,
    EquatableArray<KeyValue> Limits);
