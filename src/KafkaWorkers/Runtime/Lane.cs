namespace KafkaWorkers.Runtime;

/// <summary>
/// The queue of a partition's buffered messages, in offset order, that handler tasks take from: one message at a time
/// for <see cref="KafkaOrdering.Partition"/>; under <see cref="KafkaOrdering.Key"/>, the first messages whose keys no
/// handler task holds (<see cref="Keys"/>); in any order for <see cref="KafkaOrdering.None"/>. All members are guarded
/// by the scheduler's lock.
/// </summary>
internal sealed class Lane(PartitionState partition)
{
    public PartitionState Partition { get; } = partition;

    public Queue<WorkItem> Items { get; } = new();

    /// <summary>Gets the keys held by handler tasks, with the messages set aside behind them (key ordering only).</summary>
    public InFlightKeys Keys { get; } = new();

    /// <summary>
    /// Gets or sets whether the lane is in the ready queue, or (partition ordering) held by a handler task.
    /// </summary>
    public bool Scheduled { get; set; }

    /// <summary>
    /// Gets or sets whether the lane stopped for this assignment because a message of it did not complete (partition
    /// ordering): it is never re-queued, and messages fetched for it later are dropped.
    /// </summary>
    public bool Parked { get; set; }

    /// <summary>
    /// Gets or sets the keys stopped for this assignment because a message of theirs did not complete (key ordering): their
    /// messages fetched later are dropped. Null until a key stops.
    /// </summary>
    public HashSet<byte[]?>? ParkedKeys { get; set; }

    /// <summary>Gets or sets a signal a batch waits on until the lane holds a full batch.</summary>
    public TaskCompletionSource? BatchFilled { get; set; }
}
