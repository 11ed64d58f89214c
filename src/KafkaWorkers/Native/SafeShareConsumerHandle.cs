namespace KafkaWorkers.Native;

/// <summary>Owns an <c>rd_kafka_share_t</c>: releasing it calls <c>rd_kafka_share_destroy</c>.</summary>
/// <remarks>
/// The handle is not thread-safe (librdkafka rejects concurrent calls with <c>__CONFLICT</c>): one share-consumer
/// thread uses it. Close the consumer (<c>rd_kafka_share_consumer_close</c>) before releasing it, so pending
/// acknowledgements are sent and the member leaves the group; destroying an open handle closes it too.
/// </remarks>
internal sealed class SafeShareConsumerHandle : LibRdKafkaSafeHandle
{
    protected override bool ReleaseHandle()
    {
        LibRdKafkaShare.ShareDestroy(handle);
        return true;
    }
}
