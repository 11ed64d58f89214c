namespace KafkaWorkers.Generators.Model;

/// <summary>The Deployment's own settings from <c>[KubernetesDeployment]</c>; its name is the ScaledObject's target name.</summary>
/// <param name="Image">The image, or <see langword="null"/> for the project's.</param>
/// <param name="HealthPort">The health port, or <see langword="null"/> for no probes.</param>
/// <param name="LivenessPath">The liveness probe's path.</param>
/// <param name="ReadinessPath">The readiness probe's path.</param>
internal sealed record DeploymentSpec(
    string? Image,
    int? HealthPort,
    string LivenessPath,
    string ReadinessPath);
