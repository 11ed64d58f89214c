namespace KafkaWorkers.Runtime;

/// <summary>
/// A queue of messages of one partition that are handled one after another (or, when unordered, in any order): the
/// whole partition for <see cref="KafkaOrdering.Partition"/>, one key of a partition for <see cref="KafkaOrdering.Key"/>.
/// All members are guarded by the scheduler's lock.
/// </summary>
internal sealed class Lane(PartitionState partition, byte[]? key)
{
    public PartitionState Partition { get; } = partition;

    /// <summary>Gets the key this lane orders, or null for the partition-wide lane and for messages without a key.</summary>
    public byte[]? Key { get; } = key;

    public Queue<WorkItem> Items { get; } = new();

    /// <summary>Gets or sets whether the lane is in the ready queue or held by a handler task.</summary>
    public bool Scheduled { get; set; }

    /// <summary>
    /// Gets or sets whether the lane stopped for this assignment because a message of it did not complete (sequential
    /// ordering): it is never re-queued, and messages fetched for it later are dropped.
    /// </summary>
    public bool Parked { get; set; }

    /// <summary>Gets or sets a signal a batch waits on until the lane holds a full batch.</summary>
    public TaskCompletionSource? BatchFilled { get; set; }
}
