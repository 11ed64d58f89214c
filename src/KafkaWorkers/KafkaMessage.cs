using Confluent.Kafka;

namespace KafkaWorkers;

/// <summary>A message consumed by a Kafka worker, with its deserialized key and value.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
public sealed class KafkaMessage<TKey, TValue>
{
    /// <summary>Creates a message.</summary>
    /// <param name="topic">The topic it was read from.</param>
    /// <param name="partition">The partition it was read from.</param>
    /// <param name="offset">Its offset in the partition.</param>
    /// <param name="key">The deserialized key.</param>
    /// <param name="value">The deserialized value.</param>
    /// <param name="headers">Its headers.</param>
    /// <param name="timestamp">Its timestamp.</param>
    public KafkaMessage(string topic, int partition, long offset, TKey key, TValue value, Headers headers, Timestamp timestamp)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Key = key;
        Value = value;
        Headers = headers;
        Timestamp = timestamp;
    }

    /// <summary>Gets the topic the message was read from.</summary>
    public string Topic { get; }

    /// <summary>Gets the partition the message was read from.</summary>
    public int Partition { get; }

    /// <summary>Gets the message's offset in its partition.</summary>
    public long Offset { get; }

    /// <summary>Gets the deserialized key.</summary>
    /// <remarks>A <see cref="byte"/>[] key read with the built-in deserializer is the record's own array, not a copy: retries of the message and its dead-letter record use the same array, so a handler must not modify it.</remarks>
    public TKey Key { get; }

    /// <summary>Gets the deserialized value.</summary>
    /// <remarks>A <see cref="byte"/>[] value read with the built-in deserializer is the record's own array, not a copy: retries of the message and its dead-letter record use the same array, so a handler must not modify it.</remarks>
    public TValue Value { get; }

    /// <summary>Gets the message's headers.</summary>
    public Headers Headers { get; }

    /// <summary>Gets the message's timestamp.</summary>
    public Timestamp Timestamp { get; }

    /// <summary>Gets how many times a share group delivered this record, this delivery included (preview: share workers only).</summary>
    /// <value>1 on a record's first delivery to a share worker (<c>AddKafkaShareWorker</c>), more after releases and expired locks; 0 for consumer-group workers.</value>
    public int DeliveryCount { get; init; }
}
