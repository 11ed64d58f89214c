namespace KafkaWorkers.Testing;

/// <summary>
/// Kafka protocol request types (API keys) that <see cref="KafkaTestCluster.InjectRequestErrors"/> can fail.
/// </summary>
/// <remarks>The numeric values are the Kafka protocol's API keys.</remarks>
public enum KafkaApiKey : short
{
    /// <summary>Produce: a producer writing records.</summary>
    Produce = 0,

    /// <summary>Fetch: a consumer reading records.</summary>
    Fetch = 1,

    /// <summary>ListOffsets: reading the low and high watermarks or an offset for a timestamp.</summary>
    ListOffsets = 2,

    /// <summary>Metadata: topic, partition and broker discovery.</summary>
    Metadata = 3,

    /// <summary>OffsetCommit: a consumer group committing offsets.</summary>
    OffsetCommit = 8,

    /// <summary>OffsetFetch: reading a consumer group's committed offsets.</summary>
    OffsetFetch = 9,

    /// <summary>FindCoordinator: locating a group's or transaction's coordinator.</summary>
    FindCoordinator = 10,

    /// <summary>JoinGroup: a member joining a classic consumer group.</summary>
    JoinGroup = 11,

    /// <summary>Heartbeat: a member of a classic consumer group staying alive.</summary>
    Heartbeat = 12,

    /// <summary>LeaveGroup: a member leaving a classic consumer group.</summary>
    LeaveGroup = 13,

    /// <summary>SyncGroup: a classic consumer group distributing its assignment.</summary>
    SyncGroup = 14,

    /// <summary>InitProducerId: an idempotent or transactional producer starting.</summary>
    InitProducerId = 22,

    /// <summary>ConsumerGroupHeartbeat: the KIP-848 consumer group protocol.</summary>
    ConsumerGroupHeartbeat = 68,
}
