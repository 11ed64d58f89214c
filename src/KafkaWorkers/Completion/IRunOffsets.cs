using Confluent.Kafka;

namespace KafkaWorkers.Completion;

/// <summary>
/// The consumer's offset queries that run-to-completion needs (the worker's consumer; a fake in tests). The first two
/// are network calls, made on the poll loop, never inside a rebalance callback.
/// </summary>
internal interface IRunOffsets
{
    /// <summary>Reads the group's committed offsets of partitions.</summary>
    /// <exception cref="KafkaException">The read failed or timed out.</exception>
    List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout);

    /// <summary>Reads a partition's low and high watermarks from its leader.</summary>
    /// <exception cref="KafkaException">The read failed or timed out.</exception>
    WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout);

    /// <summary>Gets the consumer's fetch position in a partition (local, no network call).</summary>
    Offset Position(TopicPartition partition);
}
