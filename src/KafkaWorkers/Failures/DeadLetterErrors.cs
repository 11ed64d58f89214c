using Confluent.Kafka;

namespace KafkaWorkers.Failures;

/// <summary>Tells dead-letter produce errors that may pass (retried) from those that never will (the worker stops).</summary>
/// <remarks>
/// Only errors known to be transient are retried: a broker or the network down, a leader moving, too few in-sync
/// replicas, a quota, a timeout. Everything else is taken as permanent, for example <c>MsgSizeTooLarge</c> (the
/// dead-letter record adds its provenance headers to the original record), <c>TopicAuthorizationFailed</c>, or an unknown
/// topic (librdkafka has already waited <c>topic.metadata.propagation.max.ms</c> for it to appear): retrying those would
/// stall the partition for ever. Stopping instead loses nothing, because the message is not committed.
/// </remarks>
internal static class DeadLetterErrors
{
    private static readonly HashSet<ErrorCode> Retriable =
    [
        ErrorCode.Local_Transport,
        ErrorCode.Local_Resolve,
        ErrorCode.Local_MsgTimedOut,
        ErrorCode.Local_AllBrokersDown,
        ErrorCode.Local_TimedOut,
        ErrorCode.Local_TimedOutQueue,
        ErrorCode.Local_QueueFull,
        ErrorCode.Local_Retry,
        ErrorCode.Local_WaitCoord,
        ErrorCode.Local_NodeUpdate,
        ErrorCode.Local_IsrInsuff,
        ErrorCode.Local_PurgeQueue,
        ErrorCode.Local_PurgeInflight,
        ErrorCode.InvalidMsg,
        ErrorCode.LeaderNotAvailable,
        ErrorCode.NotLeaderForPartition,
        ErrorCode.RequestTimedOut,
        ErrorCode.BrokerNotAvailable,
        ErrorCode.ReplicaNotAvailable,
        ErrorCode.NetworkException,
        ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend,
        ErrorCode.NotController,
        ErrorCode.KafkaStorageError,
        ErrorCode.FencedLeaderEpoch,
        ErrorCode.UnknownLeaderEpoch,
        ErrorCode.PreferredLeaderNotAvailable,
        ErrorCode.ThrottlingQuotaExceeded,
        ErrorCode.OutOfOrderSequenceNumber,
        ErrorCode.UnknownProducerId,
        ErrorCode.InvalidProducerEpoch,
    ];

    /// <summary>Gets whether a failed dead-letter produce may succeed when tried again.</summary>
    /// <remarks>A fatal error is retried with a new producer: it is the producer instance that failed.</remarks>
    public static bool IsRetriable(Error error) => error.IsFatal || Retriable.Contains(error.Code);
}
