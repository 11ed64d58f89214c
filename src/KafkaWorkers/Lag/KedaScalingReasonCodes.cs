namespace KafkaWorkers.Lag;

/// <summary>
/// The stable, machine-readable codes of <see cref="KedaScalingReason.Code"/>. A code is <c>group.name</c>: the group
/// (<c>replicas</c>, <c>cap</c>, <c>trigger</c>, <c>partition</c>) says which step of KEDA's and the HPA's arithmetic
/// gave the reason. Codes are never renamed; new ones may be added.
/// </summary>
/// <remarks>docs/explain.md lists every code with what it means and what to change.</remarks>
public static class KedaScalingReasonCodes
{
    /// <summary>The partition is not counted: it belongs to another topic than the trigger's <c>topic</c>.</summary>
    public const string PartitionOfOtherTopic = "partition.other-topic";

    /// <summary>The partition is not counted: <c>partitionLimitation</c> leaves it out.</summary>
    public const string PartitionOutsideLimitation = "partition.outside-limitation";

    /// <summary>The partition is not counted, not even for the cap: the broker's end-offset answer lacks it.</summary>
    public const string PartitionWithoutEndOffset = "partition.no-end-offset";

    /// <summary>The group has no committed offset for the partition and <c>offsetResetPolicy</c> is <c>latest</c>: it counts 1.</summary>
    public const string NoCommitCountsOne = "partition.no-commit-counts-one";

    /// <summary>The group has no committed offset for the partition and <c>offsetResetPolicy</c> is <c>earliest</c>: it counts its end offset.</summary>
    public const string NoCommitCountsEndOffset = "partition.no-commit-counts-end-offset";

    /// <summary>The group has no committed offset for the partition and <c>scaleToZeroOnInvalidOffset</c> makes it count 0.</summary>
    public const string NoCommitCountsZero = "partition.no-commit-counts-zero";

    /// <summary>
    /// <c>excludePersistentLag</c> held the partition's lag back: its committed offset has not moved since the previous
    /// read, so it counts 0 for the metric and its lag for activity.
    /// </summary>
    public const string PersistentLagExcluded = "partition.persistent-lag-excluded";

    /// <summary>The committed offset is past the partition's end offset: its lag is negative and lowers the total.</summary>
    public const string CommittedPastEnd = "partition.committed-past-end";

    /// <summary>No cap: <c>allowIdleConsumers</c> alone lets the metric ask for more replicas than partitions.</summary>
    public const string NoCap = "cap.none";

    /// <summary>The metric is within the cap (partitions, or partitions with lag): the cap changed nothing.</summary>
    public const string CapNotReached = "cap.not-reached";

    /// <summary>The metric was capped at one replica per counted partition.</summary>
    public const string CappedAtPartitions = "cap.partitions";

    /// <summary>The metric was capped at one replica per partition with lag (<c>limitToPartitionsWithLag</c>).</summary>
    public const string CappedAtPartitionsWithLag = "cap.partitions-with-lag";

    /// <summary>
    /// The metric is above the cap, but KEDA tests the cap in integer division and lets it through, so the HPA asks for
    /// one replica more than the bound (kedacore/keda#4483).
    /// </summary>
    public const string CapSkippedByIntegerDivision = "cap.skipped-by-integer-division";

    /// <summary><c>ensureEvenDistributionOfPartitions</c> rounded the metric to a replica count that divides the partition count.</summary>
    public const string EvenDistribution = "cap.even-distribution";

    /// <summary>The trigger is active: the activity lag is above <c>activationLagThreshold</c>.</summary>
    public const string Active = "trigger.active";

    /// <summary>The trigger is inactive: the activity lag is not above <c>activationLagThreshold</c>.</summary>
    public const string Inactive = "trigger.inactive";

    /// <summary>KEDA activated the target: from 0 (or <c>idleReplicaCount</c>) to <c>max(minReplicaCount, 1)</c>.</summary>
    public const string Activated = "replicas.activated";

    /// <summary>KEDA deactivated the target once the cooldown had passed: to <c>idleReplicaCount</c>, else <c>minReplicaCount</c>.</summary>
    public const string Deactivated = "replicas.deactivated";

    /// <summary>The trigger is inactive but <c>cooldownPeriod</c> has not passed: the HPA still decides.</summary>
    public const string CooldownPending = "replicas.cooldown-pending";

    /// <summary>The target is at 0 replicas and the trigger inactive: the HPA does not act on a target at zero.</summary>
    public const string AtZero = "replicas.at-zero";

    /// <summary>The HPA's proposal: <c>ceil(metric / lagThreshold)</c>.</summary>
    public const string MetricProposal = "replicas.metric";

    /// <summary>The usage ratio is within the HPA's tolerance, which keeps the current count instead of the metric's proposal.</summary>
    public const string WithinTolerance = "replicas.within-tolerance";

    /// <summary>
    /// The HPA's tolerance keeps any count of a range for this metric: a target that reaches one of them stays there,
    /// below the count the snapshot predicts (kedacore/keda#2908).
    /// </summary>
    public const string ToleranceBand = "replicas.tolerance-band";

    /// <summary>The count was clamped to <c>maxReplicaCount</c>.</summary>
    public const string ClampedToMaximum = "replicas.maximum";

    /// <summary>The count was held at <c>max(minReplicaCount, 1)</c> by the HPA, or at <c>minReplicaCount</c> by KEDA.</summary>
    public const string ClampedToMinimum = "replicas.minimum";

    /// <summary>A stabilization window held an earlier recommendation instead of this one (it delays the change).</summary>
    public const string StabilizationWindow = "replicas.stabilization-window";

    /// <summary>The HPA's rate limit (a behavior's policies, or at most doubling without one) slowed the change.</summary>
    public const string RateLimited = "replicas.rate-limited";

    /// <summary>The behavior's <c>selectPolicy: Disabled</c> keeps the HPA from scaling in this direction.</summary>
    public const string ScalingDisabled = "replicas.scaling-disabled";
}
