using Confluent.Kafka;

namespace KafkaWorkers.Runtime;

/// <summary>
/// A partition's counts and offsets read at one instant under the scheduler's lock (<see cref="WorkScheduler.GetProgress(IReadOnlyList{PartitionState})"/>),
/// so that the poll thread and run-to-completion never read <see cref="PartitionState"/>'s guarded members without it.
/// </summary>
/// <param name="TopicPartition">The partition.</param>
/// <param name="Buffered">Messages waiting for a handler.</param>
/// <param name="InFlight">Messages handed to a handler that has not finished.</param>
/// <param name="Committable">The offset after the highest contiguous completed message, or -1.</param>
/// <param name="Committed">The last offset the broker acknowledged as committed, or -1.</param>
internal readonly record struct PartitionProgress(TopicPartition TopicPartition, int Buffered, int InFlight, long Committable, long Committed)
{
    /// <summary>Gets whether nothing of the partition is buffered or running.</summary>
    public bool Idle => Buffered == 0 && InFlight == 0;

    /// <summary>Gets whether everything that completed is committed.</summary>
    public bool FullyCommitted => Committed >= Committable;
}
