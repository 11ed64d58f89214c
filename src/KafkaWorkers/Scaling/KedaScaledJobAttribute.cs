namespace KafkaWorkers;

/// <summary>
/// Generates a KEDA <c>ScaledJob</c> with a <c>kafka</c> trigger for the worker declared by
/// <see cref="KafkaWorkerAttribute"/> on the same handler class. Each job runs the app's own image in
/// run-to-completion mode: it consumes, commits and exits.
/// </summary>
/// <remarks>
/// <para>
/// The job's container runs the image named by the MSBuild properties <c>ContainerRepository</c> and
/// <c>ContainerImageTag</c> (tag <c>latest</c> when only the repository is set), else the placeholder
/// <c>&lt;assembly name in lower case&gt;:latest</c>, the name <c>dotnet publish -t:PublishContainer</c> gives by
/// default. Its environment selects the run-to-completion mode through the runtime's configuration keys
/// <c>Kafka__Workers__&lt;name&gt;__Completion__*</c>, so the same image serves a <c>Deployment</c> and a job.
/// </para>
/// <para>
/// When neither <see cref="MaxMessages"/> nor <see cref="UntilDrained"/> is written, the job runs until the
/// partitions it was assigned are drained (<c>UntilDrained=true</c>).
/// </para>
/// <para>
/// The job's pod gets what the worker needs from the same attributes, as the Deployment of
/// <see cref="KubernetesDeploymentAttribute"/> does: <c>terminationGracePeriodSeconds</c> (the shutdown timeout + 15 s),
/// <c>DOTNET_shutdownTimeoutSeconds</c>, <c>POD_NAME</c>, the bootstrap servers and, with
/// <see cref="KedaTriggerAuthenticationAttribute"/>, the app's SASL and TLS settings from the same secret. KEDA reads the
/// trigger's <c>bootstrapServersFromEnv</c> from the job's container, so give it <see cref="EnvironmentConfigMap"/> or
/// <see cref="EnvironmentSecret"/> (diagnostic KW1021), and keep <see cref="ActiveDeadlineSeconds"/> above the run's end
/// (diagnostic KW1024).
/// </para>
/// <para>Unset properties are omitted, so KEDA's and Kubernetes' defaults apply (see <see cref="KedaKafkaScalerAttribute"/>).</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KedaScaledJobAttribute : KedaKafkaScalerAttribute
{
    /// <summary>Gets or sets how many finished jobs are kept (<c>successfulJobsHistoryLimit</c>).</summary>
    /// <value>Unset: 100.</value>
    public int SuccessfulJobsHistoryLimit { get; set; }

    /// <summary>Gets or sets how many failed jobs are kept (<c>failedJobsHistoryLimit</c>).</summary>
    /// <value>Unset: 100.</value>
    public int FailedJobsHistoryLimit { get; set; }

    /// <summary>Gets or sets how KEDA decides how many jobs to start (<c>scalingStrategy.strategy</c>).</summary>
    /// <value>Unset: <see cref="KedaScalingStrategy.Default"/>.</value>
    public KedaScalingStrategy ScalingStrategy { get; set; }

    /// <summary>
    /// Gets or sets the queue length deducted by the <see cref="KedaScalingStrategy.Custom"/> strategy
    /// (<c>scalingStrategy.customScalingQueueLengthDeduction</c>).
    /// </summary>
    /// <value>Unset: 0.</value>
    public int CustomScalingQueueLengthDeduction { get; set; }

    /// <summary>
    /// Gets or sets the share of running jobs counted by the <see cref="KedaScalingStrategy.Custom"/> strategy,
    /// from 0 to 1 (<c>scalingStrategy.customScalingRunningJobPercentage</c>).
    /// </summary>
    /// <value>Unset: 1.</value>
    public double CustomScalingRunningJobPercentage { get; set; }

    /// <summary>Gets or sets the pods a job runs in parallel (<c>jobTargetRef.parallelism</c>).</summary>
    /// <value>Unset: 1.</value>
    public int Parallelism { get; set; }

    /// <summary>Gets or sets the successful pods a job needs (<c>jobTargetRef.completions</c>).</summary>
    /// <value>Unset: 1.</value>
    public int Completions { get; set; }

    /// <summary>Gets or sets the retries before a job is marked failed (<c>jobTargetRef.backoffLimit</c>).</summary>
    /// <value>Unset: 6.</value>
    public int BackoffLimit { get; set; }

    /// <summary>Gets or sets the seconds a job may run before Kubernetes stops it (<c>jobTargetRef.activeDeadlineSeconds</c>).</summary>
    /// <value>Unset: no deadline.</value>
    public int ActiveDeadlineSeconds { get; set; }

    /// <summary>
    /// Gets or sets how many messages a job handles before it exits: 1 for a single message, more for a batch
    /// (environment <c>Kafka__Workers__&lt;name&gt;__Completion__MaxMessages</c>).
    /// </summary>
    /// <value>Unset: no message limit.</value>
    public int MaxMessages { get; set; }

    /// <summary>
    /// Gets or sets whether a job exits once its partitions are drained
    /// (environment <c>Kafka__Workers__&lt;name&gt;__Completion__UntilDrained</c>).
    /// </summary>
    /// <value>Unset: <see langword="true"/> when <see cref="MaxMessages"/> is unset too, else not emitted.</value>
    public bool UntilDrained { get; set; }

    /// <summary>
    /// Gets or sets the seconds without a message after which a job counts its partitions as drained
    /// (environment <c>Kafka__Workers__&lt;name&gt;__Completion__IdleTimeout</c>, as a time span).
    /// </summary>
    /// <value>Unset: the runtime's default.</value>
    public int IdleTimeoutSeconds { get; set; }

    /// <summary>
    /// Gets or sets the seconds after which a job stops consuming and exits
    /// (environment <c>Kafka__Workers__&lt;name&gt;__Completion__MaxDuration</c>, as a time span).
    /// </summary>
    /// <value>Unset: the runtime's default.</value>
    public int MaxDurationSeconds { get; set; }

    /// <summary>
    /// Gets or sets the seconds a job waits for its first partition assignment before it exits
    /// (environment <c>Kafka__Workers__&lt;name&gt;__Completion__StartTimeout</c>, as a time span).
    /// </summary>
    /// <value>Unset: the runtime's default.</value>
    public int StartTimeoutSeconds { get; set; }

    /// <summary>
    /// Gets or sets a ConfigMap whose entries become the job container's environment (<c>envFrom.configMapRef</c>),
    /// for example <c>Kafka__BootstrapServers</c>, which the trigger reads through <c>bootstrapServersFromEnv</c>.
    /// </summary>
    /// <value>Unset: no <c>envFrom</c>.</value>
    public string? EnvironmentConfigMap { get; set; }

    /// <summary>Gets or sets a Secret whose entries become the job container's environment (<c>envFrom.secretRef</c>).</summary>
    /// <value>Unset: none.</value>
    public string? EnvironmentSecret { get; set; }

    /// <summary>Gets or sets the job container's CPU request, a Kubernetes quantity such as <c>500m</c> (<c>resources.requests.cpu</c>).</summary>
    /// <value>Unset: none.</value>
    public string? CpuRequest { get; set; }

    /// <summary>Gets or sets the job container's CPU limit (<c>resources.limits.cpu</c>).</summary>
    /// <value>Unset: none.</value>
    public string? CpuLimit { get; set; }

    /// <summary>Gets or sets the job container's memory request, such as <c>256Mi</c> (<c>resources.requests.memory</c>).</summary>
    /// <value>Unset: none.</value>
    public string? MemoryRequest { get; set; }

    /// <summary>Gets or sets the job container's memory limit (<c>resources.limits.memory</c>).</summary>
    /// <value>Unset: none.</value>
    public string? MemoryLimit { get; set; }
}
