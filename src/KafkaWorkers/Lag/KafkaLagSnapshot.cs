namespace KafkaWorkers.Lag;

/// <summary>
/// One read of a worker's lag: every partition's committed and log-end offsets, the lag KEDA's <c>kafka</c> scaler
/// computes from them, and the replica count KEDA and the HPA settle at. Immutable.
/// </summary>
public sealed record KafkaLagSnapshot
{
    /// <summary>Gets the worker's name.</summary>
    public required string Worker { get; init; }

    /// <summary>Gets the consumer group whose committed offsets were read.</summary>
    public required string GroupId { get; init; }

    /// <summary>
    /// Gets every partition of the worker's topics, ordered by topic and partition: its offsets
    /// (<see cref="KafkaPartitionOffsets.CommittedOffset"/> is -1 where the group has committed nothing) and its lag.
    /// </summary>
    public required IReadOnlyList<KedaKafkaPartitionLag> Partitions { get; init; }

    /// <summary>Gets what KEDA's scaler reports for these offsets: totals, metric value, activity.</summary>
    public required KedaKafkaScalerResult Result { get; init; }

    /// <summary>Gets the trigger's <c>lagThreshold</c> the metric was computed with.</summary>
    public required long LagThreshold { get; init; }

    /// <summary>
    /// Gets the replica count KEDA and the HPA settle at if the lag stays as it is: KEDA's activation from zero replicas,
    /// then the HPA's recommendation repeated until it no longer changes, with the cooldown elapsed (see
    /// <see cref="KedaReplicaModel.GetDesiredReplicas"/>).
    /// </summary>
    /// <value>
    /// With KEDA's defaults: 0 when inactive; otherwise <c>ceil(metric / lagThreshold)</c> clamped to
    /// [<c>max(minReplicaCount, 1)</c>, <c>maxReplicaCount</c>], unless the HPA's tolerance keeps a smaller count.
    /// This is where the count settles, not when: the HPA's stabilization windows and rate policies delay it (see
    /// <see cref="KedaHpaModel"/> for the timeline), and a direction the behavior disables stops the HPA short.
    /// </value>
    public required int PredictedReplicas { get; init; }

    /// <summary>
    /// Gets why <see cref="PredictedReplicas"/>: the reasons KEDA's scaler and the HPA give for this count, computed with
    /// the numbers, and the one-line <see cref="KedaScalingExplanation.Summary"/>.
    /// </summary>
    /// <value>
    /// The replica reasons are those of the last KEDA cycle and HPA sync of the prediction (plus
    /// <see cref="KedaScalingReasonCodes.ToleranceBand"/>); then the cap, the activation and each partition not counted as
    /// <c>end - committed</c>. The monitor does not know the target's current count or the HPA's history, so a
    /// stabilization window or rate limit delaying the count is not among them (see docs/explain.md).
    /// </value>
    public required KedaScalingExplanation Explanation { get; init; }

    /// <summary>Gets when the offsets were read.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>Gets whether the reads since <see cref="TakenAt"/> have failed: the numbers are the last known ones.</summary>
    public bool IsStale { get; init; }

    /// <summary>Gets the reason of the latest failed read when <see cref="IsStale"/> is <see langword="true"/>.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets the sum of the partitions' lags (<see cref="KedaKafkaScalerResult.TotalLag"/>).</summary>
    public long TotalLag => Result.TotalLag;

    /// <summary>Gets the metric value KEDA reports to the HPA (<see cref="KedaKafkaScalerResult.MetricValue"/>).</summary>
    public long MetricValue => Result.MetricValue;

    /// <summary>Gets whether the KEDA trigger is active (<see cref="KedaKafkaScalerResult.IsActive"/>).</summary>
    public bool IsActive => Result.IsActive;
}
