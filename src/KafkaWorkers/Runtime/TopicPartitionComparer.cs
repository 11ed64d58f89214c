using Confluent.Kafka;

namespace KafkaWorkers.Runtime;

/// <summary>
/// Compares topic partitions by topic name (ordinal) and partition number, and lets a dictionary keyed by them be
/// searched with a record's topic and partition: <see cref="ConsumeResult{TKey,TValue}.TopicPartition"/> creates a new
/// <see cref="TopicPartition"/> on every call (32 B per message on the poll thread).
/// </summary>
internal sealed class TopicPartitionComparer : IEqualityComparer<TopicPartition>, IAlternateEqualityComparer<(string Topic, int Partition), TopicPartition>
{
    public static readonly TopicPartitionComparer Instance = new();

    public bool Equals(TopicPartition? x, TopicPartition? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && Equals((x.Topic, x.Partition.Value), y));

    public int GetHashCode(TopicPartition obj) => GetHashCode((obj.Topic, obj.Partition.Value));

    public bool Equals((string Topic, int Partition) alternate, TopicPartition other) =>
        alternate.Partition == other.Partition.Value && string.Equals(alternate.Topic, other.Topic, StringComparison.Ordinal);

    public int GetHashCode((string Topic, int Partition) alternate) =>
        HashCode.Combine(string.GetHashCode(alternate.Topic, StringComparison.Ordinal), alternate.Partition);

    public TopicPartition Create((string Topic, int Partition) alternate) => new(alternate.Topic, alternate.Partition);
}
