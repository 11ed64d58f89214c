using Confluent.Kafka;

namespace KafkaWorkers.Diagnostics;

/// <summary>Formats a partition list for a log message only when the message is written.</summary>
internal readonly struct PartitionsText(IEnumerable<TopicPartition> partitions)
{
    public override string ToString() =>
        string.Join(", ", partitions.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition.Value).Select(p => $"{p.Topic} [{p.Partition.Value}]"));
}
