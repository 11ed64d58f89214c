using System;
using KafkaWorkers.Lag;

namespace KafkaWorkers.Generators;

/// <summary>
/// What KEDA's cap at one replica per counted partition does to the replica counts, when the attribute declares the
/// partition count: a maximum it never reaches (KW1010), and counts below the maximum the HPA never leaves (KW1027).
/// </summary>
internal sealed partial class KedaManifestParser
{
    /// <summary>
    /// The HPA's default tolerance, 0.1, as the divisor 10: a count <c>c</c> is kept when the metric asks for at most
    /// <c>c × (1 + 1/10)</c> replicas (<c>--horizontal-pod-autoscaler-tolerance</c>).
    /// </summary>
    private const int HpaToleranceDivisor = 10;

    /// <summary>Above this many declared partitions a limitation is not counted partition by partition (no topic has as many).</summary>
    private const int MaxPartitionsCounted = 1_000_000;

    /// <summary>
    /// Checks the replica bounds against the partitions KEDA counts: the declared <c>Partitions</c>, narrowed by a
    /// <c>PartitionLimitation</c> (KEDA counts only the partitions it selects).
    /// </summary>
    private void CheckPartitionCap(AttributeReader scaler, int partitions, int? min, int? max, bool isScaledJob)
    {
        var allowIdleConsumers = scaler.Bool("AllowIdleConsumers") == true;
        var limitToPartitionsWithLag = scaler.Bool("LimitToPartitionsWithLag") == true;
        var ensureEvenDistribution = scaler.Bool("EnsureEvenDistributionOfPartitions") == true;

        // KEDA's getTotalLag caps the metric when !allowIdleConsumers || limitToPartitionsWithLag || ensureEven...;
        // a limitation that selects no partition is a scaler error at run time, not a cap.
        var (counted, limited) = CountedPartitions(scaler, partitions);
        if ((allowIdleConsumers && !limitToPartitionsWithLag && !ensureEvenDistribution) || counted == 0)
        {
            return;
        }

        var what = limited
            ? "the " + Invariant(counted) + " partitions PartitionLimitation selects of the declared " + Invariant(partitions)
            : "the declared partition count (" + Invariant(partitions) + ")";
        var effectiveMax = max ?? DefaultMaxReplicaCount;
        if (effectiveMax > counted)
        {
            Report(
                DiagnosticDescriptors.MaxReplicasAbovePartitions,
                scaler.LocationOf(max is not null ? "MaxReplicaCount" : limited ? "PartitionLimitation" : "Partitions"),
                Invariant(effectiveMax),
                what,
                allowIdleConsumers ? "ensureEvenDistributionOfPartitions caps the metric all the same" : "allowIdleConsumers is not set",
                Invariant(counted));
        }

        // The HPA's tolerance only matters to a ScaledObject; with the other two switches the bound or the metric differs.
        if (!isScaledJob && !allowIdleConsumers && !limitToPartitionsWithLag && !ensureEvenDistribution)
        {
            CheckCapStall(scaler, counted, what, min, effectiveMax, max is not null);
        }
    }

    /// <summary>
    /// KW1027: under a backlog KEDA reports <c>counted × lagThreshold</c>, so at <c>c</c> replicas the HPA sees the ratio
    /// <c>counted / c</c> and keeps <c>c</c> while that is within the tolerance (kedacore/keda#2908). Reported for the
    /// counts every HPA keeps: <c>counted / c</c> strictly below 1.1, where the rule before Kubernetes 1.33
    /// (<c>|1 - ratio| ≤ 0.1</c>) and the one since (<c>ratio ≤ 1.1</c>) agree.
    /// </summary>
    private void CheckCapStall(AttributeReader scaler, int counted, string what, int? min, int effectiveMax, bool maxIsWritten)
    {
        var top = Math.Min(effectiveMax, counted);
        if (LowestStalledReplicas(counted, Math.Max(min ?? 0, 1), top) is not { } lowest)
        {
            return;
        }

        var property = scaler.Bool("AllowIdleConsumers") is not null ? "AllowIdleConsumers" : maxIsWritten ? "MaxReplicaCount" : "Partitions";
        Report(
            DiagnosticDescriptors.ReplicasStallBelowMax,
            scaler.LocationOf(property),
            what,
            Invariant(counted),
            Invariant(counted + 1L),
            Invariant(lowest),
            Invariant(top - 1),
            Invariant(top));
    }

    /// <summary>
    /// The lowest replica count from <paramref name="hpaMin"/> up to <paramref name="top"/> − 1 that the HPA keeps while
    /// KEDA reports <paramref name="counted"/> × lagThreshold, or <see langword="null"/> when it keeps none.
    /// </summary>
    internal static int? LowestStalledReplicas(int counted, int hpaMin, int top)
    {
        // counted / c < 1 + 1/10  ⇔  c > counted × 10 / 11.
        var lowest = Math.Max(hpaMin, (counted * (long)HpaToleranceDivisor / (HpaToleranceDivisor + 1)) + 1);
        return lowest < top ? (int)lowest : null;
    }

    /// <summary>The partitions of <c>0</c> to <paramref name="partitions"/> − 1 that KEDA counts, and whether a limitation narrowed them.</summary>
    private static (int Counted, bool Limited) CountedPartitions(AttributeReader scaler, int partitions)
    {
        // A malformed limitation is KW1005's; KW1004's when the worker has no single topic (KEDA then drops it).
        if (partitions > MaxPartitionsCounted
            || !PartitionLimitation.TryParse(scaler.String("PartitionLimitation"), out var limitation, out _)
            || limitation is null)
        {
            return (partitions, false);
        }

        var counted = 0;
        for (var partition = 0; partition < partitions; partition++)
        {
            if (limitation.Contains(partition))
            {
                counted++;
            }
        }

        return (counted, counted != partitions);
    }
}
