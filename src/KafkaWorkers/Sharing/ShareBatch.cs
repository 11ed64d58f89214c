using Confluent.Kafka;
using KafkaWorkers.Native;

namespace KafkaWorkers.Sharing;

/// <summary>
/// A batch of acquired records returned by one share poll. It owns the native batch: records are copied out by
/// <see cref="Read"/>, acknowledged by index, and the native memory is freed by <see cref="Dispose"/>, after which
/// reading or acknowledging throws <see cref="ObjectDisposedException"/> instead of touching freed memory.
/// </summary>
internal sealed unsafe class ShareBatch : IDisposable
{
    private readonly ShareConsumer _consumer;
    private readonly SafeShareMessagesHandle _messages;

    internal ShareBatch(ShareConsumer consumer, SafeShareMessagesHandle messages)
    {
        _consumer = consumer;
        _messages = messages;
        Count = checked((int)LibRdKafkaShare.MessagesCount(messages));
    }

    public int Count { get; }

    /// <summary>Copies record <paramref name="index"/> out of the batch.</summary>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ShareRecord Read(int index)
    {
        var message = Get(index);
        var result = new ShareConsumeResult
        {
            Topic = _consumer.TopicName(message->Topic),
            Partition = new Partition(message->Partition),
            Offset = new Offset(message->Offset),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = NativeRecords.Copy(message->Key, message->KeyLength),
                Value = NativeRecords.Copy(message->Payload, message->Length),
                Headers = NativeRecords.ReadHeaders(message),
                Timestamp = NativeRecords.ReadTimestamp(message),
            },
            DeliveryCount = LibRdKafkaShare.MessageDeliveryCount(message),
        };
        return new ShareRecord(result, index, (ErrorCode)message->Err);
    }

    /// <summary>Acknowledges record <paramref name="index"/>; the acknowledgement is sent by the next commit.</summary>
    /// <returns><see cref="ErrorCode.NoError"/>, or why librdkafka refused it locally.</returns>
    /// <exception cref="ObjectDisposedException">The batch was disposed.</exception>
    public ErrorCode Acknowledge(int index, ShareAcknowledgement type) => _consumer.Acknowledge(Get(index), type);

    public void Dispose() => _messages.Dispose();

    private NativeMessage* Get(int index)
    {
        ObjectDisposedException.ThrowIf(_messages.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return LibRdKafkaShare.MessagesGet(_messages, (nuint)index);
    }
}
