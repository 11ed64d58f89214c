using Confluent.Kafka;

namespace KafkaWorkers.Diagnostics;

/// <summary>Formats committed offsets for a log message only when the message is written.</summary>
internal readonly struct OffsetsText(IEnumerable<TopicPartitionOffset> offsets)
{
    public override string ToString() =>
        string.Join(", ", offsets.Select(o => $"{o.Topic} [{o.Partition.Value}] @{o.Offset.Value}"));
}
