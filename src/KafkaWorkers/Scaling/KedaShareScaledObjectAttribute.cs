namespace KafkaWorkers;

/// <summary>
/// Generates a KEDA <c>ScaledObject</c> with a <c>prometheus</c> trigger for a share-group worker (<b>preview</b>) declared
/// by <see cref="KafkaWorkerAttribute"/> on the same handler class and added with <c>AddKafkaShareWorker</c>.
/// </summary>
/// <remarks>
/// <para>
/// KEDA has no share-group scaler and no client API reports a share group's lag, so the trigger queries Prometheus
/// for what the workers export on the <c>KafkaWorkers</c> meter (<see cref="Sharing.KafkaShareTelemetry"/>). Without
/// <see cref="Query"/> it scales on the handler busy ratio of the worker's replicas,
/// <c>sum(kafkaworkers_share_busy_members{kafkaworkers_worker="&lt;name&gt;"}) / sum(kafkaworkers_share_members{kafkaworkers_worker="&lt;name&gt;"})</c>,
/// as a <c>Value</c> metric: the HPA sets the replicas to <c>ceil(replicas × ratio / threshold)</c>.
/// </para>
/// <para>
/// <see cref="MinReplicaCount"/> is 1 unless written, and 0 is refused (diagnostic KW1040): with no pod, nothing exports
/// the metric and nothing would ever scale the worker up again. The manifest is emitted like that of
/// <see cref="KedaScaledObjectAttribute"/>, as <c>$(OutDir)keda/&lt;worker&gt;.yaml</c>.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// [KafkaWorker("thumbnails", Topics = ["images"], GroupId = "thumbnails")]
/// [KedaShareScaledObject("http://prometheus.monitoring:9090", MaxReplicaCount = 20)]
/// public sealed class ThumbnailHandler : IKafkaHandler&lt;string, ThumbnailRequest&gt; { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KedaShareScaledObjectAttribute : Attribute
{
    /// <summary>Initializes the attribute with the Prometheus server KEDA queries.</summary>
    /// <param name="serverAddress">The Prometheus server's address (the trigger's <c>serverAddress</c>), for example <c>http://prometheus.monitoring:9090</c>.</param>
    public KedaShareScaledObjectAttribute(string serverAddress) => ServerAddress = serverAddress;

    /// <summary>Gets the Prometheus server's address (<c>serverAddress</c>).</summary>
    public string ServerAddress { get; }

    /// <summary>Gets or sets the ScaledObject's name.</summary>
    /// <value>Unset: the worker's name.</value>
    public string? Name { get; set; }

    /// <summary>Gets or sets the kind of the scaled workload (<c>scaleTargetRef.kind</c>).</summary>
    /// <value>Unset: <see cref="KedaScaleTargetKind.Deployment"/>.</value>
    public KedaScaleTargetKind TargetKind { get; set; }

    /// <summary>Gets or sets the name of the scaled workload (<c>scaleTargetRef.name</c>).</summary>
    /// <value>Unset: as for <see cref="KedaScaledObjectAttribute.TargetName"/>.</value>
    public string? TargetName { get; set; }

    /// <summary>Gets or sets how often, in seconds, KEDA runs the query (<c>pollingInterval</c>).</summary>
    /// <value>Unset: 30 seconds.</value>
    public int PollingInterval { get; set; }

    /// <summary>Gets or sets the seconds to wait after the last active trigger before scaling down to the minimum (<c>cooldownPeriod</c>).</summary>
    /// <value>Unset: 300 seconds.</value>
    public int CooldownPeriod { get; set; }

    /// <summary>Gets or sets the minimum number of replicas (<c>minReplicaCount</c>).</summary>
    /// <value>Unset: 1 (written). At least 1 (diagnostic KW1040).</value>
    public int MinReplicaCount { get; set; }

    /// <summary>Gets or sets the maximum number of replicas (<c>maxReplicaCount</c>); it may exceed the partition count.</summary>
    /// <value>Unset: 100.</value>
    public int MaxReplicaCount { get; set; }

    /// <summary>Gets or sets the PromQL query whose value KEDA scales on (<c>query</c>); scaled as an <c>AverageValue</c> metric.</summary>
    /// <value>
    /// Unset: the busy ratio of the worker's replicas, as a <c>Value</c> metric. A query needs a <see cref="Threshold"/>
    /// (diagnostic KW1041); for example the backlog estimate,
    /// <c>sum(min by (messaging_destination_name, messaging_destination_partition_id) (kafkaworkers_share_backlog_estimate))</c>,
    /// with the records one replica should have waiting as the threshold.
    /// </value>
    public string? Query { get; set; }

    /// <summary>Gets or sets the target value of the query (<c>threshold</c>), a decimal number.</summary>
    /// <value>Unset: <c>0.8</c> for the default busy-ratio query (scale out above 80 % busy); required with <see cref="Query"/>.</value>
    public string? Threshold { get; set; }

    /// <summary>Gets or sets the value above which the trigger is active (<c>activationThreshold</c>), a decimal number.</summary>
    /// <value>Unset: 0.</value>
    public string? ActivationThreshold { get; set; }
}
