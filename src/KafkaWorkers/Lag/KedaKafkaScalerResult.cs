namespace KafkaWorkers.Lag;

/// <summary>What KEDA's <c>kafka</c> scaler reports for one evaluation: the metric, the activity and their parts.</summary>
/// <remarks>
/// Feed <see cref="MetricValue"/> and <see cref="IsActive"/> to <see cref="KedaReplicaModel"/> (ScaledObject) or
/// <see cref="KedaScaledJobModel"/> (ScaledJob) to predict what KEDA and the HPA do with them.
/// </remarks>
public readonly record struct KedaKafkaScalerResult
{
    /// <summary>Gets the sum of the counted partitions' lags before the cap (signed).</summary>
    public long TotalLag { get; init; }

    /// <summary>
    /// Gets the sum of the counted partitions' lags with persistent lag included (signed): the value compared with
    /// <see cref="KedaKafkaTriggerSettings.ActivationLagThreshold"/>.
    /// </summary>
    public long ActivityLag { get; init; }

    /// <summary>Gets the number of counted partitions: those in the end-offset answer that pass the topic and limitation.</summary>
    public int PartitionCount { get; init; }

    /// <summary>Gets the number of counted partitions whose metric lag is greater than zero.</summary>
    public int PartitionsWithLag { get; init; }

    /// <summary>
    /// Gets the replica bound the cap used: <see cref="PartitionCount"/>, or <see cref="PartitionsWithLag"/> with
    /// <see cref="KedaKafkaTriggerSettings.LimitToPartitionsWithLag"/>.
    /// </summary>
    /// <value><see langword="null"/> when no cap applies (<see cref="KedaKafkaTriggerSettings.AllowIdleConsumers"/> alone).</value>
    public long? ReplicaBound { get; init; }

    /// <summary>
    /// Gets the metric value exactly as KEDA reports it to the HPA: the total lag after even distribution and the cap
    /// (which KEDA tests with integer division, see <see cref="CorrectedMetricValue"/>), a negative value reported as 0.
    /// </summary>
    public long MetricValue { get; init; }

    /// <summary>
    /// Gets the metric value with the cap applied without KEDA's integer-division off-by-one (kedacore/keda#4483):
    /// never more than <see cref="ReplicaBound"/> × lag threshold, so the HPA never asks for more replicas than the bound.
    /// </summary>
    /// <value>Equal to <see cref="MetricValue"/> unless <see cref="IsCapSkippedByIntegerDivision"/> is <see langword="true"/>.</value>
    public long CorrectedMetricValue { get; init; }

    /// <summary>
    /// Gets whether KEDA's integer-division cap let a metric above bound × threshold through, so that the HPA asks for
    /// one replica more than the bound (kedacore/keda#4483); <see cref="CorrectedMetricValue"/> holds the capped value.
    /// </summary>
    public bool IsCapSkippedByIntegerDivision => MetricValue != CorrectedMetricValue;

    /// <summary>Gets whether the trigger is active: <see cref="ActivityLag"/> is greater than the activation lag threshold.</summary>
    public bool IsActive { get; init; }
}
