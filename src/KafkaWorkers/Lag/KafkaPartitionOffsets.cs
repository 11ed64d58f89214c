namespace KafkaWorkers.Lag;

/// <summary>
/// One partition's offsets as KEDA's <c>kafka</c> scaler reads them: the consumer group's committed offset and the
/// partition's log-end offset (high watermark).
/// </summary>
/// <remarks>
/// Give every partition of the trigger's topics once, including partitions no consumer owns at the moment.
/// </remarks>
public readonly record struct KafkaPartitionOffsets
{
    /// <summary>The value of an offset that is not known: no committed offset, or no log-end offset in the answer.</summary>
    public const long None = -1;

    /// <summary>Initializes a new instance of the <see cref="KafkaPartitionOffsets"/> struct.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition number.</param>
    /// <param name="committedOffset">The group's committed offset, or <see cref="None"/> when the group has none.</param>
    /// <param name="endOffset">The log-end offset, or <see cref="None"/> when the end-offset answer lacks the partition.</param>
    public KafkaPartitionOffsets(string topic, int partition, long committedOffset, long endOffset)
    {
        Topic = topic;
        Partition = partition;
        CommittedOffset = committedOffset;
        EndOffset = endOffset;
    }

    /// <summary>Gets the topic.</summary>
    public string Topic { get; init; }

    /// <summary>Gets the partition number.</summary>
    public int Partition { get; init; }

    /// <summary>Gets the consumer group's committed offset: the next offset the group will read.</summary>
    /// <value><see cref="None"/> (-1) when the group has no committed offset for the partition.</value>
    public long CommittedOffset { get; init; }

    /// <summary>Gets the partition's log-end offset (high watermark): the offset the next produced message gets.</summary>
    /// <value>
    /// <see cref="None"/> (any negative value) when the broker's end-offset answer did not include the partition;
    /// KEDA iterates over that answer, so such a partition adds no lag and is not counted for the replica cap.
    /// </value>
    public long EndOffset { get; init; }
}
