using System.Runtime.InteropServices;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// Owns a reference to a consumer's queue (<c>rd_kafka_queue_get_consumer</c>), where librdkafka puts the messages,
/// rebalances, commit results and errors that <c>rd_kafka_consumer_poll</c> would return or serve.
/// </summary>
/// <remarks>
/// The queue must be destroyed before its <c>rd_kafka_t</c>: the handle holds a reference on the client's
/// <see cref="SafeHandle"/> (which defers the client's <c>rd_kafka_destroy</c>) until it has destroyed the queue.
/// </remarks>
internal sealed class ConsumerQueueHandle : SafeHandle
{
    private readonly SafeHandle _client;

    private ConsumerQueueHandle(SafeHandle client)
        : base(0, ownsHandle: true) => _client = client;

    public override bool IsInvalid => handle == 0;

    /// <summary>Takes a reference to the consumer queue of the client <paramref name="client"/> owns.</summary>
    /// <param name="client">The <see cref="SafeHandle"/> of a consumer's <c>rd_kafka_t</c> (see <see cref="ConfluentHandle"/>).</param>
    /// <returns>The queue, valid until disposed.</returns>
    /// <exception cref="InvalidOperationException">The handle is not a consumer of a group (no consumer queue).</exception>
    public static ConsumerQueueHandle Open(SafeHandle client)
    {
        var queue = new ConsumerQueueHandle(client);
        var added = false;
        client.DangerousAddRef(ref added);
        var rkqu = LibRdKafkaConsumer.QueueGetConsumer(client.DangerousGetHandle());
        if (rkqu == 0)
        {
            client.DangerousRelease();
            throw new InvalidOperationException("rd_kafka_queue_get_consumer returned no queue: the client is not a group consumer.");
        }

        queue.SetHandle(rkqu);
        return queue;
    }

    protected override bool ReleaseHandle()
    {
        LibRdKafkaConsumer.QueueDestroy(handle);
        _client.DangerousRelease();
        return true;
    }
}
