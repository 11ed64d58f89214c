using Confluent.Kafka;

namespace KafkaWorkers.Runtime;

/// <summary>One fetched message on its way from the poll loop through a lane to a handler.</summary>
internal sealed class WorkItem(ConsumeResult<byte[]?, byte[]?> result, PartitionState partition, long enqueuedTimestamp)
{
    public ConsumeResult<byte[]?, byte[]?> Result { get; } = result;

    public PartitionState Partition { get; } = partition;

    public long Offset => Result.Offset.Value;

    /// <summary>Gets when the poll loop buffered the message (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long EnqueuedTimestamp { get; } = enqueuedTimestamp;

    /// <summary>Gets or sets whether the handler completed the message; guarded by the scheduler's lock.</summary>
    public bool Completed { get; set; }
}
