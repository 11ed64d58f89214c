namespace KafkaWorkers.Native;

/// <summary>
/// Owns an <c>rd_kafka_messages_t</c>, the batch <c>rd_kafka_share_poll</c> returns: releasing it calls
/// <c>rd_kafka_messages_destroy</c>, which frees every message of the batch.
/// </summary>
/// <remarks>
/// Message pointers read from the batch are valid only while this handle is; they never leave <c>ShareBatch</c>, which
/// copies what a handler receives.
/// </remarks>
internal sealed class SafeShareMessagesHandle : LibRdKafkaSafeHandle
{
    protected override bool ReleaseHandle()
    {
        LibRdKafkaShare.MessagesDestroy(handle);
        return true;
    }
}
