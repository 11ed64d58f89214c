using System.Runtime.InteropServices;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// A typed view of librdkafka's <c>rd_kafka_message_t</c> (<c>rdkafka.h</c>), read in place through a pointer that
/// <c>rd_kafka_consumer_poll</c> returned and that <c>rd_kafka_message_destroy</c> frees: the view never outlives it.
/// <see cref="Verify"/> checks the layout against the header's 64-bit offsets.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct RdKafkaMessage
{
    /// <summary>The header's offsets and size of <c>rd_kafka_message_t</c> on a 64-bit platform (LP64 and LLP64 alike).</summary>
    internal static readonly (string Field, int Offset)[] HeaderOffsets =
    [
        (nameof(Err), 0), (nameof(Rkt), 8), (nameof(Partition), 16), (nameof(Payload), 24), (nameof(Len), 32),
        (nameof(Key), 40), (nameof(KeyLen), 48), (nameof(Offset), 56), (nameof(Private), 64),
    ];

    internal const int HeaderSize = 72;

    /// <summary><c>rd_kafka_resp_err_t err</c>: 0, or the error this message reports instead of data.</summary>
    public readonly int Err;

    /// <summary><c>rd_kafka_topic_t *rkt</c>.</summary>
    public readonly nint Rkt;

    /// <summary><c>int32_t partition</c>.</summary>
    public readonly int Partition;

    /// <summary><c>void *payload</c>: the value.</summary>
    public readonly nint Payload;

    /// <summary><c>size_t len</c>: the value's length.</summary>
    public readonly nuint Len;

    /// <summary><c>void *key</c>.</summary>
    public readonly nint Key;

    /// <summary><c>size_t key_len</c>.</summary>
    public readonly nuint KeyLen;

    /// <summary><c>int64_t offset</c>.</summary>
    public readonly long Offset;

    /// <summary><c>void *_private</c>: librdkafka's own.</summary>
    public readonly nint Private;

    /// <summary>Throws unless this struct has the header's layout (64-bit processes only: the benchmarks run on 64-bit).</summary>
    /// <exception cref="PlatformNotSupportedException">The process is 32-bit.</exception>
    /// <exception cref="InvalidOperationException">A field is not where <c>rdkafka.h</c> puts it.</exception>
    internal static void Verify()
    {
        if (!Environment.Is64BitProcess)
        {
            throw new PlatformNotSupportedException("The native benchmark loop reads rd_kafka_message_t with its 64-bit layout.");
        }

        var wrong = HeaderOffsets
            .Select(f => (f.Field, f.Offset, Actual: (int)Marshal.OffsetOf<RdKafkaMessage>(f.Field)))
            .Where(f => f.Actual != f.Offset)
            .Select(f => $"{f.Field} at {f.Actual}, header {f.Offset}")
            .ToList();
        var size = Marshal.SizeOf<RdKafkaMessage>();
        if (size != HeaderSize)
        {
            wrong.Add($"size {size}, header {HeaderSize}");
        }

        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"RdKafkaMessage does not match rd_kafka_message_t: {string.Join("; ", wrong)}.");
        }
    }
}
