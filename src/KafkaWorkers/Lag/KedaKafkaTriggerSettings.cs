namespace KafkaWorkers.Lag;

/// <summary>
/// The metadata of a KEDA <c>kafka</c> trigger that decides its metric: lag threshold, activation, offset reset and
/// the replica cap options. Every property defaults to KEDA's own default.
/// </summary>
/// <remarks>
/// <see cref="KedaKafkaScalerModel"/> validates and copies the settings when it is created, so changing an instance
/// afterwards does not change a model built from it. Connection settings (bootstrap servers, SASL, TLS) and the
/// consumer group do not change the metric and are not part of this type.
/// </remarks>
public sealed class KedaKafkaTriggerSettings
{
    /// <summary>The trigger type the model reproduces: KEDA's <c>kafka</c> scaler.</summary>
    public const string KafkaType = "kafka";

    /// <summary>
    /// Gets or sets the trigger's <c>type</c>. Only <c>kafka</c> is modelled: KEDA's experimental <c>apache-kafka</c>
    /// scaler (a list of topics, another Kafka client) is refused with a message saying so, rather than predicted with
    /// rules that were not checked against its source.
    /// </summary>
    /// <value>The default is <c>kafka</c>; anything else is refused.</value>
    public string Type { get; set; } = KafkaType;

    /// <summary>Gets or sets the trigger's <c>topic</c>.</summary>
    /// <value>
    /// The default is <see langword="null"/>: KEDA then scales on every topic the group has committed offsets for,
    /// ignores <see cref="PartitionLimitation"/>, and refuses <see cref="LimitToPartitionsWithLag"/> and
    /// <see cref="EnsureEvenDistributionOfPartitions"/>. When set, partitions of other topics are ignored.
    /// </value>
    public string? Topic { get; set; }

    /// <summary>
    /// Gets or sets <c>lagThreshold</c>: the HPA's target average value, that is the lag one replica is expected to
    /// work off. KEDA compares it with the <em>total</em> lag, so the HPA asks for about total lag / threshold replicas.
    /// </summary>
    /// <value>The default is 10; it must be greater than zero.</value>
    public long LagThreshold { get; set; } = 10;

    /// <summary>
    /// Gets or sets <c>activationLagThreshold</c>: the trigger is active (KEDA scales from zero) when the total lag,
    /// persistent lag included, is greater than this value.
    /// </summary>
    /// <value>The default is 0; it must not be negative.</value>
    public long ActivationLagThreshold { get; set; }

    /// <summary>Gets or sets <c>offsetResetPolicy</c>: how a partition without a committed offset counts.</summary>
    /// <value>The default is <see cref="KedaOffsetResetPolicy.Latest"/>.</value>
    public KedaOffsetResetPolicy OffsetResetPolicy { get; set; } = KedaOffsetResetPolicy.Latest;

    /// <summary>
    /// Gets or sets <c>allowIdleConsumers</c>: when <see langword="true"/> the metric is not capped at one replica
    /// per partition, so KEDA may run more consumers than there are partitions.
    /// </summary>
    /// <value>The default is <see langword="false"/>. It cannot be combined with <see cref="LimitToPartitionsWithLag"/>.</value>
    public bool AllowIdleConsumers { get; set; }

    /// <summary>
    /// Gets or sets <c>excludePersistentLag</c>: a partition whose committed offset has not moved since the previous
    /// evaluation counts 0 for the metric (it still counts for activity), so a stuck message does not scale out.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool ExcludePersistentLag { get; set; }

    /// <summary>
    /// Gets or sets <c>scaleToZeroOnInvalidOffset</c>: when <see langword="true"/> a partition without a committed
    /// offset counts 0 instead of 1 (<see cref="KedaOffsetResetPolicy.Latest"/>) or its log-end offset
    /// (<see cref="KedaOffsetResetPolicy.Earliest"/>).
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool ScaleToZeroOnInvalidOffset { get; set; }

    /// <summary>
    /// Gets or sets <c>limitToPartitionsWithLag</c>: the cap is the number of partitions with a lag above zero
    /// instead of the number of partitions.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>. It needs <see cref="Topic"/> and cannot be combined with
    /// <see cref="AllowIdleConsumers"/> or <see cref="EnsureEvenDistributionOfPartitions"/>.
    /// </value>
    public bool LimitToPartitionsWithLag { get; set; }

    /// <summary>
    /// Gets or sets <c>ensureEvenDistributionOfPartitions</c>: the metric is rounded up to a replica count that divides
    /// the partition count, so every consumer gets the same number of partitions.
    /// </summary>
    /// <value>
    /// The default is <see langword="false"/>. It needs <see cref="Topic"/> and cannot be combined with
    /// <see cref="LimitToPartitionsWithLag"/>.
    /// </value>
    public bool EnsureEvenDistributionOfPartitions { get; set; }

    /// <summary>
    /// Gets or sets <c>partitionLimitation</c>: the partitions of <see cref="Topic"/> KEDA looks at, as a comma-separated
    /// list of numbers and inclusive ranges, for example <c>1,2,10-12</c>.
    /// </summary>
    /// <value>
    /// The default is <see langword="null"/>: every partition. Read as KEDA reads it: items and range ends are trimmed
    /// of white space (<c>0, 1</c> is valid), empty items and anything but base-10 numbers with an optional <c>+</c> are
    /// refused; a range whose start is above its end selects nothing. A bad list is refused even without
    /// <see cref="Topic"/>; a valid one is then ignored.
    /// </value>
    public string? PartitionLimitation { get; set; }
}
