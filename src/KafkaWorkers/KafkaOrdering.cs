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
    Key = 1,

    /// <summary>No ordering: any message may run in parallel with any other, up to the concurrency limit.</summary>
    None = 2,
}
