using System.Runtime.InteropServices;
using KafkaWorkers.Native;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// The parts of librdkafka's C API (<c>rdkafka.h</c> of librdkafka 2.16.0) that the native consume loop calls: a
/// consumer handle, its subscription, <c>rd_kafka_consumer_poll</c>, the consumer queue and
/// <c>rd_kafka_consume_batch_queue</c> (the batch fast path), the message-level offset store and a rebalance callback.
/// Every import resolves through <see cref="LibRdKafkaLibrary"/> to the library Confluent.Kafka loaded.
/// </summary>
internal static unsafe partial class LibRdKafkaConsumer
{
    private const string Library = LibRdKafkaLibrary.Name;

    static LibRdKafkaConsumer() => LibRdKafkaLibrary.Register(typeof(LibRdKafkaConsumer).Assembly);

    /// <summary><c>RD_KAFKA_CONSUMER</c>.</summary>
    internal const int ConsumerType = 1;

    internal const int ConfigOk = 0;

    /// <summary><c>RD_KAFKA_PARTITION_UA</c>: a subscription's partition.</summary>
    internal const int UnassignedPartition = -1;

    /// <summary><c>RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS</c>, the rebalance callback's "assign".</summary>
    internal const int AssignPartitions = -175;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_opaque")]
    internal static partial void ConfSetOpaque(nint conf, nint opaque);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_rebalance_cb")]
    internal static partial void ConfSetRebalanceCallback(nint conf, delegate* unmanaged[Cdecl]<nint, int, nint, nint, void> callback);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static partial nint New(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_poll_set_consumer")]
    internal static partial int PollSetConsumer(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_new")]
    internal static partial nint PartitionListNew(int size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_add", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint PartitionListAdd(nint list, string topic, int partition);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    internal static partial void PartitionListDestroy(nint list);

    [LibraryImport(Library, EntryPoint = "rd_kafka_subscribe")]
    internal static partial int Subscribe(nint rk, nint topics);

    [LibraryImport(Library, EntryPoint = "rd_kafka_rebalance_protocol")]
    internal static partial byte* RebalanceProtocol(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_assign")]
    internal static partial int Assign(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_incremental_assign")]
    internal static partial nint IncrementalAssign(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_incremental_unassign")]
    internal static partial nint IncrementalUnassign(nint rk, nint partitions);

    [LibraryImport(Library, EntryPoint = "rd_kafka_error_destroy")]
    internal static partial void ErrorDestroy(nint error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_consumer_poll")]
    internal static partial RdKafkaMessage* ConsumerPoll(nint rk, int timeoutMs);

    /// <summary>
    /// <c>rd_kafka_consume_batch_queue</c>: fills <paramref name="messages"/> with up to <paramref name="size"/> messages,
    /// waiting up to <paramref name="timeoutMs"/> for the batch to fill; serves the queue's other events (rebalance,
    /// offset commit, errors) through the callbacks registered on the handle while it does.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_consume_batch_queue")]
    internal static partial nint ConsumeBatchQueue(nint queue, int timeoutMs, RdKafkaMessage** messages, nuint size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_last_error")]
    internal static partial int LastError();

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_name")]
    internal static partial byte* TopicName(nint rkt);

    [LibraryImport(Library, EntryPoint = "rd_kafka_offset_store_message")]
    internal static partial nint OffsetStoreMessage(RdKafkaMessage* message);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_destroy")]
    internal static partial void MessageDestroy(RdKafkaMessage* message);

    [LibraryImport(Library, EntryPoint = "rd_kafka_consumer_close")]
    internal static partial int ConsumerClose(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    internal static partial byte* ErrorToString(int err);

    /// <summary>Turns a native error code into librdkafka's text for it.</summary>
    internal static string DescribeError(int error) => Marshal.PtrToStringUTF8((nint)ErrorToString(error)) ?? $"error {error}";
}
