using System.Runtime.InteropServices;

namespace KafkaWorkers.Native;

/// <summary>
/// Owns a reference to a consumer's queue (<c>rd_kafka_queue_get_consumer</c>): releasing it calls
/// <c>rd_kafka_queue_destroy</c>, then releases the reference it holds on the consumer's own handle.
/// </summary>
/// <remarks>
/// librdkafka wants every queue destroyed before its <c>rd_kafka_t</c>: the reference on Confluent.Kafka's handle
/// defers the consumer's <c>rd_kafka_destroy</c> (a disposed <see cref="SafeHandle"/> is released with its last
/// reference) until the queue is gone.
/// </remarks>
internal sealed class SafeConsumerQueueHandle : LibRdKafkaSafeHandle
{
    private SafeHandle? _client;

    /// <summary>Takes a reference to the consumer queue of the <c>rd_kafka_t</c> that <paramref name="client"/> owns.</summary>
    /// <param name="client">Confluent.Kafka's handle of a group consumer (see <see cref="ConfluentClientHandle"/>).</param>
    /// <returns>The queue, valid until disposed.</returns>
    /// <exception cref="InvalidOperationException">The client is not a group consumer (it has no consumer queue).</exception>
    internal static SafeConsumerQueueHandle Open(SafeHandle client)
    {
        var queue = new SafeConsumerQueueHandle();
        var added = false;
        client.DangerousAddRef(ref added);
        var rkqu = LibRdKafkaConsumerQueue.QueueGetConsumer(client.DangerousGetHandle());
        if (rkqu == 0)
        {
            client.DangerousRelease();
            throw new InvalidOperationException("rd_kafka_queue_get_consumer returned no queue: the client is not a group consumer.");
        }

        queue._client = client;
        queue.SetHandle(rkqu);
        return queue;
    }

    protected override bool ReleaseHandle()
    {
        LibRdKafkaConsumerQueue.QueueDestroy(handle);
        _client?.DangerousRelease();
        return true;
    }
}
