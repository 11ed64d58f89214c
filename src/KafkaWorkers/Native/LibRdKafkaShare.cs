using System.Runtime.InteropServices;

namespace KafkaWorkers.Native;

/// <summary>
/// P/Invoke declarations for librdkafka's preview share consumer (KIP-932, <c>rdkafka.h</c> of librdkafka 2.16.0) and
/// the few general functions it needs (configuration, errors, partition lists, message fields).
/// </summary>
/// <remarks>
/// Every import resolves through <see cref="LibRdKafkaLibrary"/> to the library Confluent.Kafka loaded. Native handles
/// that must be destroyed cross this boundary only as <see cref="SafeShareConsumerHandle"/> and
/// <see cref="SafeShareMessagesHandle"/>; raw pointers stay inside the internal classes of this folder and
/// <c>Sharing/ShareConsumer</c>. Call <see cref="EnsureAvailable()"/> before the first call: the share consumer is a
/// preview and older (or newer, reworked) builds do not export it.
/// </remarks>
internal static unsafe partial class LibRdKafkaShare
{
    /// <summary>The librdkafka version whose preview share consumer API these bindings follow.</summary>
    internal const string PinnedVersion = "2.16.0";

    internal const int ConfigOk = 0;
    internal const int NoError = 0;

    /// <summary>The preview functions the share worker calls; each is checked at start by <see cref="EnsureAvailable()"/>.</summary>
    internal static readonly string[] RequiredExports =
    [
        "rd_kafka_share_consumer_new", "rd_kafka_share_subscribe", "rd_kafka_share_poll", "rd_kafka_messages_count",
        "rd_kafka_messages_get", "rd_kafka_messages_destroy", "rd_kafka_message_delivery_count",
        "rd_kafka_share_acknowledge_type", "rd_kafka_share_commit_sync", "rd_kafka_share_consumer_close",
        "rd_kafka_share_destroy",
    ];

    static LibRdKafkaShare() => LibRdKafkaLibrary.Register(typeof(LibRdKafkaShare).Assembly);

    /// <summary>Checks that the loaded librdkafka exports every preview function the share worker calls.</summary>
    /// <exception cref="NotSupportedException">A function is missing; the message names them and the version needed.</exception>
    /// <exception cref="DllNotFoundException">librdkafka could not be loaded at all.</exception>
    internal static void EnsureAvailable() => EnsureAvailable(LibRdKafkaLibrary.HasExport, Confluent.Kafka.Library.VersionString);

    /// <summary>The check of <see cref="EnsureAvailable()"/> over any export lookup (tests pass a fake one).</summary>
    /// <param name="hasExport">Tells whether the library exports a function.</param>
    /// <param name="loadedVersion">The version of the loaded library, for the message.</param>
    /// <exception cref="NotSupportedException">A function is missing.</exception>
    internal static void EnsureAvailable(Func<string, bool> hasExport, string loadedVersion)
    {
        var missing = RequiredExports.Where(e => !hasExport(e)).ToList();
        if (missing.Count > 0)
        {
            throw new NotSupportedException(
                $"Kafka share workers need librdkafka's preview share consumer API (librdkafka {PinnedVersion}, from the " +
                $"librdkafka.redist {PinnedVersion} package), but the loaded librdkafka {loadedVersion} does not export " +
                $"{string.Join(", ", missing)}. Reference librdkafka.redist {PinnedVersion} (and Confluent.Kafka {PinnedVersion}), " +
                "or use AddKafkaWorker (a consumer group) instead.");
        }
    }

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, byte[] errstr, nuint errstrSize);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_conf_set_opaque")]
    internal static partial void ConfSetOpaque(nint conf, nint opaque);

    /// <summary><c>rd_kafka_conf_set_log_cb</c>: the callback runs on librdkafka's threads and must never throw.</summary>
    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_conf_set_log_cb")]
    internal static partial void ConfSetLogCallback(nint conf, delegate* unmanaged[Cdecl]<nint, int, byte*, byte*, void> callback);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_opaque")]
    internal static partial nint Opaque(nint rk);

    /// <summary><c>rd_kafka_share_consumer_new</c>: takes ownership of <paramref name="conf"/> on success only.</summary>
    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_share_consumer_new")]
    internal static partial SafeShareConsumerHandle ShareConsumerNew(nint conf, byte[] errstr, nuint errstrSize);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_share_subscribe")]
    internal static partial int ShareSubscribe(SafeShareConsumerHandle rkshare, nint topics);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_share_poll")]
    internal static partial nint SharePoll(SafeShareConsumerHandle rkshare, int timeoutMs, out SafeShareMessagesHandle messages);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_share_acknowledge_type")]
    internal static partial int ShareAcknowledgeType(SafeShareConsumerHandle rkshare, NativeMessage* message, int type);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_share_commit_sync")]
    internal static partial nint ShareCommitSync(SafeShareConsumerHandle rkshare, int timeoutMs, out NativeTopicPartitionList* partitions);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_share_consumer_close")]
    internal static partial nint ShareConsumerClose(SafeShareConsumerHandle rkshare);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_share_destroy")]
    internal static partial void ShareDestroy(nint rkshare);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_messages_count")]
    internal static partial nuint MessagesCount(SafeShareMessagesHandle messages);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_messages_get")]
    internal static partial NativeMessage* MessagesGet(SafeShareMessagesHandle messages, nuint index);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_messages_destroy")]
    internal static partial void MessagesDestroy(nint messages);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_message_delivery_count")]
    internal static partial short MessageDeliveryCount(NativeMessage* message);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_message_timestamp")]
    internal static partial long MessageTimestamp(NativeMessage* message, out int timestampType);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_message_headers")]
    internal static partial int MessageHeaders(NativeMessage* message, out nint headers);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_header_get_all")]
    internal static partial int HeaderGetAll(nint headers, nuint index, out byte* name, out byte* value, out nuint size);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_topic_name")]
    internal static partial byte* TopicName(nint topic);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_topic_partition_list_new")]
    internal static partial NativeTopicPartitionList* TopicPartitionListNew(int size);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_topic_partition_list_add", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeTopicPartition* TopicPartitionListAdd(NativeTopicPartitionList* list, string topic, int partition);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    internal static partial void TopicPartitionListDestroy(NativeTopicPartitionList* list);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_error_code")]
    internal static partial int ErrorCode(nint error);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_error_string")]
    internal static partial byte* ErrorString(nint error);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_error_is_fatal")]
    internal static partial int ErrorIsFatal(nint error);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_error_destroy")]
    internal static partial void ErrorDestroy(nint error);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_err2name")]
    internal static partial byte* ErrorToName(int error);

    [LibraryImport(LibRdKafkaLibrary.Name, EntryPoint = "rd_kafka_err2str")]
    internal static partial byte* ErrorToString(int error);
}
