using System.Diagnostics.Metrics;
using System.Globalization;

namespace KafkaWorkers.Lag;

/// <summary>
/// Turns the latest lag snapshots into the measurements of the lag instruments, when a listener observes them. Every
/// measurement carries the worker's tags; per-partition ones add the topic and partition.
/// </summary>
internal sealed class KafkaLagMeasurements(Func<IReadOnlyList<KafkaLagSnapshot>> snapshots, TimeProvider time)
{
    /// <summary>Each counted partition's lag, as KEDA counts it for the metric.</summary>
    public IEnumerable<Measurement<long>> PartitionLag() =>
        from snapshot in snapshots()
        from partition in snapshot.Partitions
        where partition.IsCounted
        select new Measurement<long>(partition.Lag, Tags(snapshot, partition));

    /// <summary>Each worker's total lag.</summary>
    public IEnumerable<Measurement<long>> TotalLag() => PerWorker(s => s.TotalLag);

    /// <summary>Each worker's KEDA metric value.</summary>
    public IEnumerable<Measurement<long>> MetricValue() => PerWorker(s => s.MetricValue);

    /// <summary>Each worker's predicted replica count.</summary>
    public IEnumerable<Measurement<int>> PredictedReplicas() => PerWorker(s => s.PredictedReplicas);

    /// <summary>The age of each worker's snapshot, in seconds: it grows while reads fail.</summary>
    public IEnumerable<Measurement<double>> SnapshotAge() => PerWorker(s => (time.GetUtcNow() - s.TakenAt).TotalSeconds);

    private IEnumerable<Measurement<T>> PerWorker<T>(Func<KafkaLagSnapshot, T> value)
        where T : struct =>
        snapshots().Select(s => new Measurement<T>(value(s), Tags(s)));

    private static KeyValuePair<string, object?>[] Tags(KafkaLagSnapshot snapshot) =>
    [
        new("messaging.system", "kafka"),
        new("messaging.consumer.group.name", snapshot.GroupId),
        new("kafkaworkers.worker", snapshot.Worker),
    ];

    private static KeyValuePair<string, object?>[] Tags(KafkaLagSnapshot snapshot, KedaKafkaPartitionLag partition) =>
    [
        .. Tags(snapshot),
        new("messaging.destination.name", partition.Offsets.Topic),
        new("messaging.destination.partition.id", partition.Offsets.Partition.ToString(CultureInfo.InvariantCulture)),
    ];
}
