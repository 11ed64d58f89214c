using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace KafkaWorkers.Native;

/// <summary>
/// Copies the parts of a native message (<c>rd_kafka_message_t</c>) that a record needs out of librdkafka's memory:
/// key and value bytes, headers and timestamp. What it returns stays valid after the message is destroyed.
/// </summary>
internal static unsafe class NativeRecords
{
    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="data"/>, or returns null for a NULL pointer.</summary>
    internal static byte[]? Copy(nint data, nuint length) =>
        data == 0 ? null : new ReadOnlySpan<byte>((void*)data, checked((int)length)).ToArray();

    /// <summary>Copies the message's headers (an empty collection when it has none).</summary>
    internal static Headers ReadHeaders(NativeMessage* message)
    {
        var headers = new Headers();
        if (LibRdKafkaShare.MessageHeaders(message, out var native) != LibRdKafkaShare.NoError || native == 0)
        {
            return headers;
        }

        for (nuint i = 0; LibRdKafkaShare.HeaderGetAll(native, i, out var name, out var value, out var size) == LibRdKafkaShare.NoError; i++)
        {
            headers.Add(Marshal.PtrToStringUTF8((nint)name) ?? string.Empty, Copy((nint)value, size));
        }

        return headers;
    }

    /// <summary>Reads the message's timestamp and its type.</summary>
    internal static Timestamp ReadTimestamp(NativeMessage* message)
    {
        var timestamp = LibRdKafkaShare.MessageTimestamp(message, out var timestampType);
        return new Timestamp(timestamp, (TimestampType)timestampType);
    }
}
