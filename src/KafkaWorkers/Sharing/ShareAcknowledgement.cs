namespace KafkaWorkers.Sharing;

/// <summary>How a share-group record is acknowledged (<c>rd_kafka_share_AcknowledgeType_t</c>).</summary>
internal enum ShareAcknowledgement
{
    /// <summary>Processed: the broker marks it acknowledged and never delivers it again.</summary>
    Accept = 1,

    /// <summary>Not processed: the broker makes it available again, with a higher delivery count.</summary>
    Release = 2,

    /// <summary>Unprocessable: the broker archives it and never delivers it again.</summary>
    Reject = 3,
}
