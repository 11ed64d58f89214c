using Confluent.Kafka;
using KafkaWorkers.Failures;

namespace KafkaWorkers.Runtime;

/// <summary>Turns a fetched record into the <see cref="KafkaMessage{TKey,TValue}"/> a handler receives.</summary>
/// <remarks>
/// A <see cref="byte"/> array key or value read with the built-in <see cref="Deserializers.ByteArray"/> is the record's
/// own array, not a copy of it: Confluent.Kafka already copied the bytes out of librdkafka into an array of this record
/// alone, and the deserializer would only copy them again (an allocation the size of the payload per message).
/// </remarks>
internal sealed class MessageConverter<TKey, TValue>(IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer)
{
    private readonly bool _keyAsIs = ReferenceEquals(keyDeserializer, Deserializers.ByteArray);
    private readonly bool _valueAsIs = ReferenceEquals(valueDeserializer, Deserializers.ByteArray);

    /// <exception cref="PoisonMessageException">The key or the value could not be deserialized.</exception>
    public KafkaMessage<TKey, TValue> Convert(ConsumeResult<byte[]?, byte[]?> result)
    {
        var message = result.Message;
        var headers = message.Headers ?? [];
        var key = _keyAsIs ? AsIs<TKey>(message.Key) : Deserialize(keyDeserializer, result, message.Key, MessageComponentType.Key, headers);
        var value = _valueAsIs ? AsIs<TValue>(message.Value) : Deserialize(valueDeserializer, result, message.Value, MessageComponentType.Value, headers);
        return new KafkaMessage<TKey, TValue>(result.Topic, result.Partition.Value, result.Offset.Value, key, value, headers, message.Timestamp);
    }

    /// <summary>The record's array as the handler's <typeparamref name="T"/>, which is <see cref="byte"/>[] here.</summary>
    private static T AsIs<T>(byte[]? data) => (T)(object)data!;

    private static T Deserialize<T>(
        IDeserializer<T> deserializer, ConsumeResult<byte[]?, byte[]?> result, byte[]? data, MessageComponentType component, Headers headers)
    {
        try
        {
            return deserializer.Deserialize(data, data is null, new SerializationContext(component, result.Topic, headers));
        }
        catch (Exception e)
        {
            throw new PoisonMessageException(result, component, e);
        }
    }
}
