using Confluent.Kafka;

namespace KafkaWorkers.Failures;

/// <summary>
/// A key or value that its deserializer refused: the message is poison. Thrown by <see cref="Runtime.MessageConverter{TKey,TValue}"/>
/// before any handler runs, so the failure policy can tell it apart from a handler failure and never retry it.
/// </summary>
internal sealed class PoisonMessageException(ConsumeResult<byte[]?, byte[]?> result, MessageComponentType component, Exception innerException)
    : Exception(
        $"The {(component == MessageComponentType.Key ? "key" : "value")} of {result.Topic} [{result.Partition.Value}] @{result.Offset.Value} could not be deserialized: {innerException.Message}",
        innerException)
{
    /// <summary>Gets the record whose key or value could not be deserialized.</summary>
    public ConsumeResult<byte[]?, byte[]?> Result { get; } = result;

    /// <summary>Gets whether the key or the value could not be deserialized.</summary>
    public MessageComponentType Component { get; } = component;
}
