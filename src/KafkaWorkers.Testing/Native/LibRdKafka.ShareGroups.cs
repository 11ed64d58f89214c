using System.Runtime.InteropServices;

namespace KafkaWorkers.Testing.Native;

/// <summary>The mock cluster's share-group functions (<c>rdkafka_mock.h</c> of librdkafka 2.16.0, preview).</summary>
internal static unsafe partial class LibRdKafka
{
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_set_session_timeout")]
    internal static partial void MockShareGroupSetSessionTimeout(nint cluster, int sessionTimeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_set_heartbeat_interval")]
    internal static partial void MockShareGroupSetHeartbeatInterval(nint cluster, int heartbeatIntervalMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_set_max_delivery_attempts")]
    internal static partial void MockShareGroupSetMaxDeliveryAttempts(nint cluster, int maxAttempts);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_set_record_lock_duration")]
    internal static partial void MockShareGroupSetRecordLockDuration(nint cluster, int lockDurationMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_set_auto_offset_reset")]
    internal static partial void MockShareGroupSetAutoOffsetReset(nint cluster, int autoOffsetReset);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_target_assignment", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void MockShareGroupTargetAssignment(nint cluster, string groupId, nint* memberIds, nint* assignments, nuint memberCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_sharegroup_get_member_ids", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockShareGroupGetMemberIds(nint cluster, string groupId, out nint* memberIds, out nuint memberCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mem_free")]
    internal static partial void MemFree(nint rk, nint pointer);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_new")]
    internal static partial nint TopicPartitionListNew(int size);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_add", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint TopicPartitionListAdd(nint list, string topic, int partition);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    internal static partial void TopicPartitionListDestroy(nint list);
}
