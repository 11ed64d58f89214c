using System.Runtime.InteropServices;

namespace KafkaWorkers.Native;

/// <summary>
/// P/Invoke declarations for reading a Confluent.Kafka consumer's queue in batches (<c>rdkafka.h</c> of librdkafka
/// 2.16.0): the consumer queue, <c>rd_kafka_consume_batch_queue</c> and the message functions a batch needs.
/// </summary>
/// <remarks>
/// Every import resolves through <see cref="LibRdKafkaLibrary"/> to the library Confluent.Kafka loaded, so the
/// <c>rd_kafka_t</c> Confluent.Kafka created is valid here. The queue crosses this boundary only as
/// <see cref="SafeConsumerQueueHandle"/>; message pointers stay inside <c>Runtime/BatchFetcher</c>.
/// </remarks>
internal static unsafe partial class LibRdKafkaConsumerQueue
{
    /// <summary><c>RD_KAFKA_RESP_ERR__PARTITION_EOF</c>.</summary>
    internal const int PartitionEof = -191;

    static LibRdKafkaConsumerQueue() => LibRdKafkaLibrary.Register(typeof(LibRdKafkaConsumerQueue).Assembly);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_queue_get_consumer")]
    internal static partial nint QueueGetConsumer(nint rk);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_queue_destroy")]
    internal static partial void QueueDestroy(nint queue);

    /// <summary>
    /// Fills <paramref name="messages"/> with up to <paramref name="size"/> messages, waiting up to
    /// <paramref name="timeoutMs"/> for the batch to fill; serves the queue's other events (rebalances, commit results)
    /// through the callbacks registered on the handle meanwhile. Returns the count, or -1 on an error.
    /// </summary>
    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_consume_batch_queue")]
    internal static partial nint ConsumeBatchQueue(SafeConsumerQueueHandle queue, int timeoutMs, NativeMessage** messages, nuint size);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_message_destroy")]
    internal static partial void MessageDestroy(NativeMessage* message);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_message_leader_epoch")]
    internal static partial int MessageLeaderEpoch(NativeMessage* message);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_message_errstr")]
    internal static partial byte* MessageErrorString(NativeMessage* message);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_last_error")]
    internal static partial int LastError();

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_err2str")]
    internal static partial byte* ErrorToString(int error);
}
