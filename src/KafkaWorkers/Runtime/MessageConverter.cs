using Confluent.Kafka;

namespace KafkaWorkers.Runtime;

/// <summary>Turns a fetched record into the <see cref="KafkaMessage{TKey,TValue}"/> a handler receives.</summary>
internal sealed class MessageConverter<TKey, TValue>(IDeserializer<TKey> keyDeserializer, IDeserializer<TValue> valueDeserializer)
{
    public KafkaMessage<TKey, TValue> Convert(ConsumeResult<byte[]?, byte[]?> result)
    {
        var message = result.Message;
        var headers = message.Headers ?? [];
        var key = keyDeserializer.Deserialize(message.Key, message.Key is null, new SerializationContext(MessageComponentType.Key, result.Topic, headers));
        var value = valueDeserializer.Deserialize(message.Value, message.Value is null, new SerializationContext(MessageComponentType.Value, result.Topic, headers));
        return new KafkaMessage<TKey, TValue>(result.Topic, result.Partition.Value, result.Offset.Value, key, value, headers, message.Timestamp);
    }
}
