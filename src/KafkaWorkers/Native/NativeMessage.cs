using System.Runtime.InteropServices;

namespace KafkaWorkers.Native;

/// <summary>A typed view of <c>rd_kafka_message_t</c> (<c>rdkafka.h</c>); its layout is checked by a test against the header.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeMessage
{
    /// <summary><c>rd_kafka_resp_err_t err</c>: a record-level error, or 0.</summary>
    public int Err;

    /// <summary><c>rd_kafka_topic_t *rkt</c>.</summary>
    public nint Topic;

    /// <summary><c>int32_t partition</c>.</summary>
    public int Partition;

    /// <summary><c>void *payload</c>: the value, or NULL.</summary>
    public nint Payload;

    /// <summary><c>size_t len</c>.</summary>
    public nuint Length;

    /// <summary><c>void *key</c>, or NULL.</summary>
    public nint Key;

    /// <summary><c>size_t key_len</c>.</summary>
    public nuint KeyLength;

    /// <summary><c>int64_t offset</c>.</summary>
    public long Offset;

    /// <summary><c>void *_private</c>.</summary>
    public nint Private;
}

/// <summary>A typed view of <c>rd_kafka_topic_partition_t</c> (<c>rdkafka.h</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeTopicPartition
{
    /// <summary><c>char *topic</c>.</summary>
    public nint Topic;

    /// <summary><c>int32_t partition</c>.</summary>
    public int Partition;

    /// <summary><c>int64_t offset</c>.</summary>
    public long Offset;

    /// <summary><c>void *metadata</c>.</summary>
    public nint Metadata;

    /// <summary><c>size_t metadata_size</c>.</summary>
    public nuint MetadataSize;

    /// <summary><c>void *opaque</c>.</summary>
    public nint Opaque;

    /// <summary><c>rd_kafka_resp_err_t err</c>.</summary>
    public int Err;

    /// <summary><c>void *_private</c>.</summary>
    public nint Private;
}

/// <summary>A typed view of <c>rd_kafka_topic_partition_list_t</c> (<c>rdkafka.h</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeTopicPartitionList
{
    /// <summary><c>int cnt</c>.</summary>
    public int Count;

    /// <summary><c>int size</c>.</summary>
    public int Size;

    /// <summary><c>rd_kafka_topic_partition_t *elems</c>.</summary>
    public NativeTopicPartition* Elements;
}
