namespace KafkaWorkers;

/// <summary>The consumer group protocol a worker uses.</summary>
public enum KafkaGroupProtocol
{
    /// <summary>The classic protocol (JoinGroup/SyncGroup), with client-side assignment. The default.</summary>
    Classic = 0,

    /// <summary>The KIP-848 protocol (ConsumerGroupHeartbeat), with broker-side incremental assignment.</summary>
    Consumer = 1,
}
