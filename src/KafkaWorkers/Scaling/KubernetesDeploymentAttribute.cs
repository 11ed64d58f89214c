namespace KafkaWorkers;

/// <summary>
/// Generates the Kubernetes <c>Deployment</c> that the <c>ScaledObject</c> of <see cref="KedaScaledObjectAttribute"/>
/// on the same handler class scales, in the same <c>keda/&lt;worker&gt;.yaml</c> file, so that
/// <c>kubectl apply -f bin/&lt;Configuration&gt;/&lt;tfm&gt;/keda/</c> deploys the worker and its scaling together.
/// </summary>
/// <remarks>
/// <para>
/// The Deployment is named as the ScaledObject's <c>scaleTargetRef.name</c> and labelled
/// <c>app.kubernetes.io/name: &lt;that name&gt;</c>, which is also its selector. It has no <c>replicas</c>: KEDA owns
/// the replica count. Its one container runs the app's image and gets, from the same attributes the runtime reads:
/// </para>
/// <list type="bullet">
/// <item><description>
/// <c>terminationGracePeriodSeconds</c> = the worker's shutdown timeout
/// (<see cref="KafkaWorkerAttribute.ShutdownTimeoutSeconds"/>, else 25 s) + 15 s, and the host's shutdown timeout
/// (<c>DOTNET_shutdownTimeoutSeconds</c>) = the worker's + 10 s: 10 s to commit and leave the group after the drain,
/// 5 s more for the process to exit before Kubernetes sends SIGKILL.
/// </description></item>
/// <item><description>
/// the environment variable the trigger reads the bootstrap servers from (<c>bootstrapServersFromEnv</c>), through
/// <see cref="EnvironmentConfigMap"/> or <see cref="EnvironmentSecret"/>, or the trigger's explicit
/// <see cref="KedaKafkaScalerAttribute.BootstrapServers"/>; the app reads the same value as <c>Kafka__BootstrapServers</c>.
/// </description></item>
/// <item><description>
/// with <see cref="KedaTriggerAuthenticationAttribute"/>, the app's SASL and TLS settings
/// (<c>Kafka__Consumer__security.protocol</c>, <c>sasl.mechanism</c>, <c>sasl.username</c>, <c>sasl.password</c>,
/// <c>ssl.ca.pem</c>, <c>ssl.certificate.pem</c>, <c>ssl.key.pem</c>), the credentials read from the same secret and
/// keys as the TriggerAuthentication's (<c>secretKeyRef</c>), never written inline.
/// </description></item>
/// <item><description>
/// <c>POD_NAME</c> from the downward API (<c>metadata.name</c>), from which the runtime derives the static member id
/// <c>&lt;POD_NAME&gt;-&lt;worker&gt;</c>. A Deployment's pods have unique names, so no two members ever share a
/// <c>group.instance.id</c>, which under the KIP-848 protocol would fence the newer one.
/// </description></item>
/// <item><description>liveness and readiness probes when there is a health port (see <see cref="HealthPort"/>).</description></item>
/// </list>
/// </remarks>
/// <example>
/// <code>
/// [KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
/// [KedaScaledObject(MaxReplicaCount = 6, Partitions = 6, LagThreshold = 50)]
/// [KubernetesDeployment(EnvironmentConfigMap = "kafka-env", CpuRequest = "100m", MemoryRequest = "128Mi", MemoryLimit = "256Mi")]
/// public sealed class OrderHandler : IKafkaHandler&lt;string, Order&gt; { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KubernetesDeploymentAttribute : Attribute
{
    /// <summary>Gets or sets the container image.</summary>
    /// <value>
    /// Unset: the MSBuild properties <c>ContainerRepository</c>:<c>ContainerImageTag</c> (tag <c>latest</c> when only the
    /// repository is set), else the placeholder <c>&lt;assembly name in lower case&gt;:latest</c>, as for a ScaledJob.
    /// </value>
    public string? Image { get; set; }

    /// <summary>Gets or sets a ConfigMap whose entries become the container's environment (<c>envFrom.configMapRef</c>).</summary>
    /// <value>Unset: none. It typically holds <c>Kafka__BootstrapServers</c>, which the trigger reads through <c>bootstrapServersFromEnv</c>.</value>
    public string? EnvironmentConfigMap { get; set; }

    /// <summary>Gets or sets a Secret whose entries become the container's environment (<c>envFrom.secretRef</c>).</summary>
    /// <value>Unset: none.</value>
    public string? EnvironmentSecret { get; set; }

    /// <summary>Gets or sets the seconds Kubernetes waits after SIGTERM before it kills the pod (<c>terminationGracePeriodSeconds</c>).</summary>
    /// <value>
    /// Unset: the worker's shutdown timeout + 15 seconds (40 with the default timeout). A shorter value draws warning KW1020.
    /// </value>
    public int TerminationGracePeriodSeconds { get; set; }

    /// <summary>
    /// Gets or sets the port the app serves its health endpoints on: a container port named <c>health</c>,
    /// <c>ASPNETCORE_URLS=http://+:&lt;port&gt;</c>, and probes on <see cref="LivenessPath"/> and <see cref="ReadinessPath"/>.
    /// </summary>
    /// <value>
    /// Unset: 8080 when the project references <c>KafkaWorkers.AspNetCore</c>, else no port and no probes. 0: no probes.
    /// The app maps the endpoints itself (<c>app.MapHealthChecks(...)</c> with <c>AddKafkaWorkerHealthChecks()</c>, docs/failures.md).
    /// </value>
    public int HealthPort { get; set; }

    /// <summary>Gets or sets the path of the liveness endpoint (<c>livenessProbe.httpGet.path</c>).</summary>
    /// <value>Unset: <c>/healthz/live</c>.</value>
    public string? LivenessPath { get; set; }

    /// <summary>Gets or sets the path of the readiness endpoint (<c>readinessProbe.httpGet.path</c>).</summary>
    /// <value>Unset: <c>/healthz/ready</c>.</value>
    public string? ReadinessPath { get; set; }

    /// <summary>Gets or sets the container's CPU request, a Kubernetes quantity such as <c>100m</c> (<c>resources.requests.cpu</c>).</summary>
    /// <value>Unset: none.</value>
    public string? CpuRequest { get; set; }

    /// <summary>Gets or sets the container's CPU limit, such as <c>1</c> or <c>500m</c> (<c>resources.limits.cpu</c>).</summary>
    /// <value>Unset: none.</value>
    public string? CpuLimit { get; set; }

    /// <summary>Gets or sets the container's memory request, such as <c>128Mi</c> (<c>resources.requests.memory</c>).</summary>
    /// <value>Unset: none.</value>
    public string? MemoryRequest { get; set; }

    /// <summary>Gets or sets the container's memory limit, such as <c>256Mi</c> (<c>resources.limits.memory</c>).</summary>
    /// <value>Unset: none.</value>
    public string? MemoryLimit { get; set; }
}
