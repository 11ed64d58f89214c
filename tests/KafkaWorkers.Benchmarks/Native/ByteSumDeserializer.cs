using Confluent.Kafka;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// A deserializer that reads every byte it is given and allocates nothing: the sum of the bytes (−1 for a null key or
/// value). With it the batch fast path reads the native key and value without a copy into <c>byte[]</c>, which is
/// what a span-based deserializer of a real format (a struct parsed in place) would do.
/// </summary>
internal sealed class ByteSumDeserializer : IDeserializer<long>
{
    public static readonly ByteSumDeserializer Instance = new();

    public long Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return -1;
        }

        var sum = 0L;
        foreach (var b in data)
        {
            sum += b;
        }

        return sum;
    }
}
