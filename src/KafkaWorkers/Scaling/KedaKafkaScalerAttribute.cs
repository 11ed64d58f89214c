namespace KafkaWorkers;

/// <summary>
/// The settings shared by <see cref="KedaScaledObjectAttribute"/> and <see cref="KedaScaledJobAttribute"/>: the
/// resource name, the replica bounds, the polling interval and the settings of the generated <c>kafka</c> trigger.
/// </summary>
/// <remarks>
/// <para>
/// These attributes are read by the KafkaWorkers source generator only. A property that is not written in the
/// attribute is <em>unset</em>: KEDA's default applies and the generated YAML omits the field. A property that is
/// written is emitted, even when its value equals KEDA's default. The values listed as defaults below are KEDA's.
/// </para>
/// <para>
/// The trigger always names the worker's consumer group (<see cref="KafkaWorkerAttribute.GroupId"/>) and, when the
/// worker declares exactly one topic, that topic; with several topics KEDA measures the lag of every topic the group
/// consumes.
/// </para>
/// </remarks>
public abstract class KedaKafkaScalerAttribute : Attribute
{
    /// <summary>Gets or sets the name of the generated resource (<c>metadata.name</c>).</summary>
    /// <value>
    /// Unset: the worker's name. Must be a DNS-1123 label; a ScaledObject's name may have at most 54 characters,
    /// because KEDA names its HPA <c>keda-hpa-&lt;name&gt;</c>.
    /// </value>
    public string? Name { get; set; }

    /// <summary>Gets or sets how often, in seconds, KEDA checks the trigger (<c>pollingInterval</c>).</summary>
    /// <value>Unset: 30 seconds.</value>
    public int PollingInterval { get; set; }

    /// <summary>Gets or sets the minimum number of replicas or jobs (<c>minReplicaCount</c>).</summary>
    /// <value>Unset: 0.</value>
    public int MinReplicaCount { get; set; }

    /// <summary>Gets or sets the maximum number of replicas or jobs (<c>maxReplicaCount</c>).</summary>
    /// <value>Unset: 100.</value>
    public int MaxReplicaCount { get; set; }

    /// <summary>
    /// Gets or sets the number of partitions of the worker's topic. It is not emitted: the generator uses it to warn
    /// when <see cref="MaxReplicaCount"/> exceeds the partitions KEDA counts (diagnostic KW1010), and when KEDA's cap at
    /// one replica per partition and the HPA's tolerance can hold the replicas below the maximum (diagnostic KW1027).
    /// </summary>
    /// <value>Unset: unknown, no check.</value>
    public int Partitions { get; set; }

    /// <summary>Gets or sets the trigger's explicit <c>bootstrapServers</c>.</summary>
    /// <value>
    /// Unset: the trigger reads them from the environment variable named by <see cref="BootstrapServersFromEnv"/>.
    /// </value>
    public string? BootstrapServers { get; set; }

    /// <summary>
    /// Gets or sets the environment variable of the scaled container from which KEDA reads the bootstrap servers
    /// (<c>bootstrapServersFromEnv</c>).
    /// </summary>
    /// <value>
    /// Unset: <c>Kafka__BootstrapServers</c>, the environment form of the configuration key the app itself reads
    /// (<c>Kafka:BootstrapServers</c>). Ignored when <see cref="BootstrapServers"/> is set.
    /// </value>
    public string? BootstrapServersFromEnv { get; set; }

    /// <summary>
    /// Gets the trigger settings the properties below write to: the settings are declared and documented once, on the
    /// model's <see cref="Lag.KedaKafkaTriggerSettings"/>, and the lag monitor copies the written ones from here.
    /// </summary>
    internal Lag.KedaKafkaTriggerSettings Trigger { get; } = new();

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.LagThreshold" path="/summary"/>
    /// <value>Unset: 10. Must be greater than zero (diagnostic KW1002).</value>
    public int LagThreshold { get => (int)Trigger.LagThreshold; set => Trigger.LagThreshold = value; }

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.ActivationLagThreshold" path="/summary"/>
    /// <value>Unset: 0. Must not be negative (diagnostic KW1002).</value>
    public int ActivationLagThreshold { get => (int)Trigger.ActivationLagThreshold; set => Trigger.ActivationLagThreshold = value; }

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.OffsetResetPolicy" path="/summary"/>
    /// <value>Unset: <see cref="KedaOffsetResetPolicy.Latest"/>.</value>
    public KedaOffsetResetPolicy OffsetResetPolicy { get => Trigger.OffsetResetPolicy; set => Trigger.OffsetResetPolicy = value; }

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.AllowIdleConsumers" path="/summary"/>
    /// <value>Unset: <see langword="false"/>. Not with <see cref="LimitToPartitionsWithLag"/> (diagnostic KW1003).</value>
    public bool AllowIdleConsumers { get => Trigger.AllowIdleConsumers; set => Trigger.AllowIdleConsumers = value; }

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.ExcludePersistentLag" path="/summary"/>
    /// <value>Unset: <see langword="false"/>.</value>
    public bool ExcludePersistentLag { get => Trigger.ExcludePersistentLag; set => Trigger.ExcludePersistentLag = value; }

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.ScaleToZeroOnInvalidOffset" path="/summary"/>
    /// <value>Unset: <see langword="false"/>.</value>
    public bool ScaleToZeroOnInvalidOffset { get => Trigger.ScaleToZeroOnInvalidOffset; set => Trigger.ScaleToZeroOnInvalidOffset = value; }

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.LimitToPartitionsWithLag" path="/summary"/>
    /// <value>Unset: <see langword="false"/>. Needs exactly one topic (diagnostic KW1004).</value>
    public bool LimitToPartitionsWithLag { get => Trigger.LimitToPartitionsWithLag; set => Trigger.LimitToPartitionsWithLag = value; }

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.EnsureEvenDistributionOfPartitions" path="/summary"/>
    /// <value>Unset: <see langword="false"/>. Needs exactly one topic (diagnostic KW1004).</value>
    public bool EnsureEvenDistributionOfPartitions
    {
        get => Trigger.EnsureEvenDistributionOfPartitions;
        set => Trigger.EnsureEvenDistributionOfPartitions = value;
    }

    /// <inheritdoc cref="Lag.KedaKafkaTriggerSettings.PartitionLimitation" path="/summary"/>
    /// <value>
    /// Unset: every partition. Needs exactly one topic (diagnostic KW1004); read as KEDA reads it, with the model's own
    /// parser (diagnostic KW1005).
    /// </value>
    public string? PartitionLimitation { get => Trigger.PartitionLimitation; set => Trigger.PartitionLimitation = value; }
}
