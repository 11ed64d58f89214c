using Confluent.Kafka;
using KafkaWorkers.Failures;

namespace KafkaWorkers.Runtime;

/// <summary>Turns a fetched record into the <see cref="KafkaMessage{TKey,TValue}"/> a handler receives.</summary>
internal sealed class MessageConverter<TKey, TValue>(IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer)
{
    /// <exception cref="PoisonMessageException">The key or the value could not be deserialized.</exception>
    public KafkaMessage<TKey, TValue> Convert(ConsumeResult<byte[]?, byte[]?> result)
    {
        var message = result.Message;
        var headers = message.Headers ?? [];
        var key = Deserialize(keyDeserializer, result, message.Key, MessageComponentType.Key, headers);
        var value = Deserialize(valueDeserializer, result, message.Value, MessageComponentType.Value, headers);
        return new KafkaMessage<TKey, TValue>(result.Topic, result.Partition.Value, result.Offset.Value, key, value, headers, message.Timestamp);
    }

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
