using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Confluent.Kafka;

namespace KafkaWorkers.Serialization;

/// <summary>Deserializes a key or value written as UTF-8 JSON, with System.Text.Json.</summary>
internal sealed class JsonDeserializer<T>(JsonTypeInfo<T> typeInfo) : IDeserializer<T>
{
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        isNull ? default! : JsonSerializer.Deserialize(data, typeInfo)!;
}
