namespace KafkaWorkers;

/// <summary>How a worker orders the messages it handles in parallel.</summary>
public enum KafkaOrdering
{
    /// <summary>One message at a time per partition, in offset order; partitions run in parallel. The default.</summary>
    Partition = 0,

    /// <summary>
    /// One message at a time per key within a partition, in offset order; different keys of one partition run in
    /// parallel. Messages without a key are ordered with each other.
    /// </summary>
    /// <remarks>
    /// A message of a key that is being handled waits, and so do the key's later messages, while the partition's other
    /// keys go on. A batch handler's batch may carry messages of several keys of one partition, in offset order, but never
    /// a key that another batch holds.
    /// </remarks>
    Key = 1,

    /// <summary>No ordering: any message may run in parallel with any other, up to the concurrency limit.</summary>
    None = 2,
}
