using static System.FormattableString;

namespace KafkaWorkers.Lag;

/// <summary>
/// A pure reimplementation of KEDA's <c>kafka</c> scaler metric: from the committed and log-end offsets of every
/// partition it computes the per-partition lag, the metric value KEDA reports to the HPA and whether the trigger is
/// active, rule for rule as KEDA does (including its integer-division cap, kedacore/keda#4483).
/// </summary>
/// <remarks>
/// <para>Per counted partition, with committed offset <c>c</c> and log-end offset <c>e</c>:</para>
/// <list type="bullet">
/// <item><description>
/// <c>c = -1</c> and <see cref="KedaOffsetResetPolicy.Latest"/>: lag 1, or 0 with
/// <see cref="KedaKafkaTriggerSettings.ScaleToZeroOnInvalidOffset"/>; <c>c = -1</c> and
/// <see cref="KedaOffsetResetPolicy.Earliest"/>: lag <c>e</c>, or 0 with ScaleToZeroOnInvalidOffset.
/// </description></item>
/// <item><description>
/// With <see cref="KedaKafkaTriggerSettings.ExcludePersistentLag"/>, a partition whose committed offset equals the
/// one this model saw in the previous evaluation counts 0 for the metric and <c>e - c</c> for activity; the first
/// sighting and any move store the new offset and count normally.
/// </description></item>
/// <item><description>Otherwise <c>e - c</c>, not clamped (it is negative when the committed offset is past the end).</description></item>
/// </list>
/// <para>
/// A partition is counted when it belongs to <see cref="KedaKafkaTriggerSettings.Topic"/> (any topic when that is
/// null), passes <see cref="KedaKafkaTriggerSettings.PartitionLimitation"/> and has a log-end offset (KEDA iterates
/// over the end-offset answer, so a partition missing from it adds nothing and does not count for the cap).
/// </para>
/// <para>
/// Totals: <c>lag</c> = sum of lags; <c>activity</c> = sum with persistent lag; partitions with lag = count of lag &gt; 0.
/// The cap applies when <c>!allowIdleConsumers || limitToPartitionsWithLag || ensureEvenDistributionOfPartitions</c>:
/// the bound is the partition count (partitions with lag under limitToPartitionsWithLag); with
/// ensureEvenDistributionOfPartitions the metric first becomes <c>f × lagThreshold</c> for the smallest divisor
/// <c>f</c> of the partition count with <c>f × lagThreshold ≥ lag</c> (the partition count if none); then, if
/// <c>metric / lagThreshold</c> in integer division is greater than the bound, the metric becomes
/// <c>bound × lagThreshold</c>. Active = activity &gt; activationLagThreshold. A negative metric reports as 0.
/// </para>
/// <para>
/// The model allocates nothing per evaluation except, with ExcludePersistentLag, one entry per newly seen partition
/// in its state. It is not thread-safe: evaluate from one thread at a time, like KEDA's polling loop.
/// </para>
/// </remarks>
public sealed class KedaKafkaScalerModel
{
    private readonly string? _topic;
    private readonly long _lagThreshold;
    private readonly long _activationLagThreshold;
    private readonly KedaOffsetResetPolicy _offsetResetPolicy;
    private readonly bool _allowIdleConsumers;
    private readonly bool _excludePersistentLag;
    private readonly bool _scaleToZeroOnInvalidOffset;
    private readonly bool _limitToPartitionsWithLag;
    private readonly bool _ensureEvenDistribution;
    private readonly PartitionLimitation? _partitionLimitation;
    private readonly Dictionary<(string Topic, int Partition), long> _previousCommittedOffsets = [];

    /// <summary>Initializes a new instance of the <see cref="KedaKafkaScalerModel"/> class.</summary>
    /// <param name="settings">The trigger's settings; they are validated and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A setting is out of range, settings KEDA refuses to combine are combined, or
    /// <see cref="KedaKafkaTriggerSettings.PartitionLimitation"/> cannot be parsed; the message names the setting
    /// (and for a partition limitation, the bad item), as KEDA refuses such a trigger.
    /// </exception>
    public KedaKafkaScalerModel(KedaKafkaTriggerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);

        _topic = string.IsNullOrEmpty(settings.Topic) ? null : settings.Topic;
        _lagThreshold = settings.LagThreshold;
        _activationLagThreshold = settings.ActivationLagThreshold;
        _offsetResetPolicy = settings.OffsetResetPolicy;
        _allowIdleConsumers = settings.AllowIdleConsumers;
        _excludePersistentLag = settings.ExcludePersistentLag;
        _scaleToZeroOnInvalidOffset = settings.ScaleToZeroOnInvalidOffset;
        _limitToPartitionsWithLag = settings.LimitToPartitionsWithLag;
        _ensureEvenDistribution = settings.EnsureEvenDistributionOfPartitions;
        // KEDA parses partitionLimitation first (refusing a bad one) and then drops it when the trigger has no topic.
        if (!PartitionLimitation.TryParse(settings.PartitionLimitation, out var limitation, out var error))
        {
            throw new ArgumentException(error, nameof(settings), new FormatException(error));
        }

        _partitionLimitation = _topic is null ? null : limitation;
    }

    /// <summary>Gets the lag threshold the model divides by: the HPA's target average value.</summary>
    public long LagThreshold => _lagThreshold;

    /// <summary>Evaluates one polling cycle and returns the totals.</summary>
    /// <param name="partitions">Every partition of the trigger's topics, each once.</param>
    /// <returns>The metric, activity and totals KEDA would report.</returns>
    /// <exception cref="ArgumentException">A partition has a <see langword="null"/> topic.</exception>
    /// <exception cref="InvalidOperationException">
    /// A partition limitation is set and no partition of the topic passes it; KEDA reports the same as a scaler error.
    /// </exception>
    public KedaKafkaScalerResult Evaluate(ReadOnlySpan<KafkaPartitionOffsets> partitions) => Evaluate(partitions, []);

    /// <summary>Evaluates one polling cycle, writes each partition's lag and returns the totals.</summary>
    /// <param name="partitions">Every partition of the trigger's topics, each once.</param>
    /// <param name="partitionLags">
    /// Receives the lag of <c>partitions[i]</c> at index <c>i</c>; empty to skip, otherwise at least as long as
    /// <paramref name="partitions"/>.
    /// </param>
    /// <returns>The metric, activity and totals KEDA would report.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="partitionLags"/> is neither empty nor long enough, or a partition has a <see langword="null"/> topic.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// A partition limitation is set and no partition of the topic passes it; KEDA reports the same as a scaler error.
    /// The model's state is left unchanged.
    /// </exception>
    public KedaKafkaScalerResult Evaluate(ReadOnlySpan<KafkaPartitionOffsets> partitions, Span<KedaKafkaPartitionLag> partitionLags) =>
        EvaluateCore(partitions, partitionLags, reasons: null);

    /// <summary>
    /// Evaluates one polling cycle, writes each partition's lag, adds the reasons the arithmetic gives and returns the
    /// totals.
    /// </summary>
    /// <param name="partitions">Every partition of the trigger's topics, each once.</param>
    /// <param name="partitionLags">
    /// Receives the lag of <c>partitions[i]</c> at index <c>i</c>; empty to skip, otherwise at least as long as
    /// <paramref name="partitions"/>.
    /// </param>
    /// <param name="reasons">
    /// Receives, in this order: a <c>partition.*</c> reason for each partition not counted or not counted as
    /// <c>end - committed</c> (see <see cref="KedaScalingReasonCodes"/>), one <c>cap.*</c> reason (two with
    /// even distribution) and <see cref="KedaScalingReasonCodes.Active"/> or <see cref="KedaScalingReasonCodes.Inactive"/>.
    /// Pass them with the replica reasons to <see cref="KedaScalingExplanation.Create"/>.
    /// </param>
    /// <returns>The metric, activity and totals KEDA would report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reasons"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="partitionLags"/> is neither empty nor long enough, or a partition has a <see langword="null"/> topic.
    /// </exception>
    /// <exception cref="InvalidOperationException">
    /// A partition limitation is set and no partition of the topic passes it; KEDA reports the same as a scaler error.
    /// The model's state is left unchanged, and no reason is added.
    /// </exception>
    public KedaKafkaScalerResult Evaluate(
        ReadOnlySpan<KafkaPartitionOffsets> partitions, Span<KedaKafkaPartitionLag> partitionLags, ICollection<KedaScalingReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        return EvaluateCore(partitions, partitionLags, reasons);
    }

    private KedaKafkaScalerResult EvaluateCore(
        ReadOnlySpan<KafkaPartitionOffsets> partitions, Span<KedaKafkaPartitionLag> partitionLags, ICollection<KedaScalingReason>? reasons)
    {
        if (!partitionLags.IsEmpty && partitionLags.Length < partitions.Length)
        {
            throw new ArgumentException(
                $"The span receives {partitionLags.Length} partition lags but {partitions.Length} partitions were given.",
                nameof(partitionLags));
        }

        EnsureLimitationSelectsAPartition(partitions);

        long totalLag = 0;
        long activityLag = 0;
        var partitionCount = 0;
        var partitionsWithLag = 0;
        for (var i = 0; i < partitions.Length; i++)
        {
            var offsets = partitions[i];
            var lag = new KedaKafkaPartitionLag { Offsets = offsets };
            var exclusion = Exclusion(offsets);
            if (exclusion is null && offsets.EndOffset < 0)
            {
                exclusion = KedaScalingReasonCodes.PartitionWithoutEndOffset;
            }

            if (exclusion is not null)
            {
                reasons?.Add(PartitionReason(offsets, exclusion));
            }
            else
            {
                lag = EvaluatePartition(offsets, reasons);
                totalLag += lag.Lag;
                activityLag += lag.ActivityLag;
                partitionCount++;
                if (lag.Lag > 0)
                {
                    partitionsWithLag++;
                }
            }

            if (!partitionLags.IsEmpty)
            {
                partitionLags[i] = lag;
            }
        }

        return Summarize(totalLag, activityLag, partitionCount, partitionsWithLag, reasons);
    }

    /// <summary>
    /// Forgets the committed offsets remembered for <see cref="KedaKafkaTriggerSettings.ExcludePersistentLag"/>, as a
    /// newly created KEDA scaler does: the next evaluation counts every partition's lag.
    /// </summary>
    public void ResetPersistentLagState() => _previousCommittedOffsets.Clear();

    /// <summary>The smallest divisor of <paramref name="partitionCount"/> whose replicas take the lag; KEDA's even-distribution rule.</summary>
    internal static long SmallestBalancedReplicaCount(long totalLag, long partitionCount, long lagThreshold)
    {
        for (long factor = 1; factor <= partitionCount; factor++)
        {
            if (partitionCount % factor == 0 && factor * lagThreshold >= totalLag)
            {
                return factor;
            }
        }

        return partitionCount;
    }

    private static void Validate(KedaKafkaTriggerSettings settings)
    {
        if (!string.Equals(settings.Type, KedaKafkaTriggerSettings.KafkaType, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Type (trigger type) '{settings.Type}' is not modelled: only KEDA's 'kafka' scaler is reproduced. The experimental " +
                "'apache-kafka' scaler reads topic lists with another client, and its metric is not checked against KEDA's source; " +
                "model the ScaledObject's 'kafka' trigger, or leave the monitor out for this worker (Lag:Enabled false).",
                nameof(settings));
        }

        if (settings.LagThreshold <= 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.LagThreshold, "LagThreshold (lagThreshold) must be greater than zero.");
        }

        if (settings.ActivationLagThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.ActivationLagThreshold, "ActivationLagThreshold (activationLagThreshold) must not be negative.");
        }

        if (!Enum.IsDefined(settings.OffsetResetPolicy))
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings), settings.OffsetResetPolicy, "OffsetResetPolicy (offsetResetPolicy) must be Latest or Earliest.");
        }

        var hasTopic = !string.IsNullOrEmpty(settings.Topic);
        if (settings.LimitToPartitionsWithLag)
        {
            Require(!settings.AllowIdleConsumers, "AllowIdleConsumers and LimitToPartitionsWithLag cannot both be set.");
            Require(hasTopic, "LimitToPartitionsWithLag needs a Topic.");
        }

        if (settings.EnsureEvenDistributionOfPartitions)
        {
            Require(!settings.LimitToPartitionsWithLag, "LimitToPartitionsWithLag and EnsureEvenDistributionOfPartitions cannot both be set.");
            Require(hasTopic, "EnsureEvenDistributionOfPartitions needs a Topic.");
        }

        static void Require(bool condition, string message)
        {
            if (!condition)
            {
                throw new ArgumentException(message, nameof(settings));
            }
        }
    }

    private bool IsSelected(in KafkaPartitionOffsets offsets) => Exclusion(offsets) is null;

    /// <summary>Why the trigger leaves the partition out (its reason code), or <see langword="null"/> when it looks at it.</summary>
    private string? Exclusion(in KafkaPartitionOffsets offsets)
    {
        if (offsets.Topic is null)
        {
            throw new ArgumentException($"Partition {offsets.Partition} has no topic.", "partitions");
        }

        return _topic is null ? null
            : !string.Equals(offsets.Topic, _topic, StringComparison.Ordinal) ? KedaScalingReasonCodes.PartitionOfOtherTopic
            : _partitionLimitation is not null && !_partitionLimitation.Contains(offsets.Partition) ? KedaScalingReasonCodes.PartitionOutsideLimitation
            : null;
    }

    private KedaScalingReason PartitionReason(in KafkaPartitionOffsets offsets, string code) => new()
    {
        Code = code,
        Topic = offsets.Topic,
        Partition = offsets.Partition,
        Message = code switch
        {
            KedaScalingReasonCodes.PartitionOfOtherTopic => Invariant($"not counted: the trigger reads topic {_topic}"),
            KedaScalingReasonCodes.PartitionOutsideLimitation => "not counted: outside partitionLimitation",
            KedaScalingReasonCodes.PartitionWithoutEndOffset => "not counted: no end offset in the broker answer",
            KedaScalingReasonCodes.NoCommitCountsOne => "no committed offset: counts 1 (offsetResetPolicy latest)",
            KedaScalingReasonCodes.NoCommitCountsEndOffset => "no committed offset: counts its end offset (offsetResetPolicy earliest)",
            KedaScalingReasonCodes.NoCommitCountsZero => "no committed offset: counts 0 (scaleToZeroOnInvalidOffset)",
            KedaScalingReasonCodes.PersistentLagExcluded => "persistent lag held back: committed offset unmoved since the last read (excludePersistentLag)",
            _ => "committed offset past the end offset: negative lag",
        },
    };

    private void EnsureLimitationSelectsAPartition(ReadOnlySpan<KafkaPartitionOffsets> partitions)
    {
        if (_partitionLimitation is null)
        {
            return;
        }

        foreach (var offsets in partitions)
        {
            if (IsSelected(offsets))
            {
                return;
            }
        }

        throw new InvalidOperationException(
            $"No partition of topic '{_topic}' passes the partition limitation; KEDA reports this as a scaler error.");
    }

    private KedaKafkaPartitionLag EvaluatePartition(in KafkaPartitionOffsets offsets, ICollection<KedaScalingReason>? reasons)
    {
        var committed = offsets.CommittedOffset;
        var end = offsets.EndOffset;
        if (committed == KafkaPartitionOffsets.None)
        {
            var (lagWithoutCommit, code) = _scaleToZeroOnInvalidOffset ? (0, KedaScalingReasonCodes.NoCommitCountsZero)
                : _offsetResetPolicy == KedaOffsetResetPolicy.Latest ? (1, KedaScalingReasonCodes.NoCommitCountsOne)
                : (end, KedaScalingReasonCodes.NoCommitCountsEndOffset);
            reasons?.Add(PartitionReason(offsets, code));
            return new() { Offsets = offsets, IsCounted = true, Lag = lagWithoutCommit, ActivityLag = lagWithoutCommit };
        }

        var lag = end - committed;
        var isPersistent = _excludePersistentLag && IsPersistent(offsets.Topic, offsets.Partition, committed);
        if (lag < 0 || (isPersistent && lag > 0))
        {
            reasons?.Add(PartitionReason(offsets, isPersistent ? KedaScalingReasonCodes.PersistentLagExcluded : KedaScalingReasonCodes.CommittedPastEnd));
        }

        return new() { Offsets = offsets, IsCounted = true, Lag = isPersistent ? 0 : lag, ActivityLag = lag, IsPersistentLag = isPersistent };
    }

    private bool IsPersistent(string topic, int partition, long committed)
    {
        ref var previous = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
            _previousCommittedOffsets, (topic, partition), out var seen);
        if (seen && previous == committed)
        {
            return true;
        }

        previous = committed;
        return false;
    }

    private KedaKafkaScalerResult Summarize(
        long totalLag, long activityLag, int partitionCount, int partitionsWithLag, ICollection<KedaScalingReason>? reasons)
    {
        var metric = totalLag;
        var corrected = totalLag;
        long? bound = null;
        if (!_allowIdleConsumers || _limitToPartitionsWithLag || _ensureEvenDistribution)
        {
            bound = _limitToPartitionsWithLag ? partitionsWithLag : partitionCount;
            if (_ensureEvenDistribution)
            {
                var replicas = SmallestBalancedReplicaCount(totalLag, partitionCount, _lagThreshold);
                metric = replicas * _lagThreshold;
                reasons?.Add(KedaScalingReason.Of(
                    KedaScalingReasonCodes.EvenDistribution,
                    Invariant($"even distribution: lag {totalLag} → metric {replicas} × {_lagThreshold} = {metric} ({replicas} divides {partitionCount} partitions)")));
            }

            var cappedMetric = bound.Value * _lagThreshold;

            // KEDA's test, in integer division: a metric in (bound × threshold, (bound + 1) × threshold) escapes the cap.
            corrected = metric > cappedMetric ? cappedMetric : metric;
            if (metric / _lagThreshold > bound.Value)
            {
                reasons?.Add(KedaScalingReason.Of(
                    _limitToPartitionsWithLag ? KedaScalingReasonCodes.CappedAtPartitionsWithLag : KedaScalingReasonCodes.CappedAtPartitions,
                    Invariant($"capped at {BoundText(bound.Value)}: metric {metric} → {cappedMetric}")));
                metric = cappedMetric;
            }
            else
            {
                reasons?.Add(metric > cappedMetric
                    ? KedaScalingReason.Of(
                        KedaScalingReasonCodes.CapSkippedByIntegerDivision,
                        Invariant($"cap of {BoundText(bound.Value)} skipped: {metric} / {_lagThreshold} = {metric / _lagThreshold} in integer division, not above {bound} (kedacore/keda#4483; capped it would be {cappedMetric})"))
                    : KedaScalingReason.Of(KedaScalingReasonCodes.CapNotReached, Invariant($"cap of {BoundText(bound.Value)} not reached")));
            }
        }
        else
        {
            reasons?.Add(KedaScalingReason.Of(KedaScalingReasonCodes.NoCap, "no cap (allowIdleConsumers)"));
        }

        var isActive = activityLag > _activationLagThreshold;
        reasons?.Add(isActive
            ? KedaScalingReason.Of(KedaScalingReasonCodes.Active, Invariant($"active: activity {activityLag} over activationLagThreshold {_activationLagThreshold}"))
            : KedaScalingReason.Of(KedaScalingReasonCodes.Inactive, Invariant($"inactive: activity {activityLag} not over activationLagThreshold {_activationLagThreshold}")));

        return new KedaKafkaScalerResult
        {
            TotalLag = totalLag,
            ActivityLag = activityLag,
            PartitionCount = partitionCount,
            PartitionsWithLag = partitionsWithLag,
            ReplicaBound = bound,
            MetricValue = Math.Max(metric, 0),
            CorrectedMetricValue = Math.Max(corrected, 0),
            IsActive = isActive,
        };
    }

    private string BoundText(long bound) =>
        Invariant($"{bound} {(bound == 1 ? "partition" : "partitions")}{(_limitToPartitionsWithLag ? " with lag" : string.Empty)}");
}
