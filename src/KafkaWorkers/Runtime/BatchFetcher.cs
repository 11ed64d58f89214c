using System.Runtime.InteropServices;
using Confluent.Kafka;
using KafkaWorkers.Native;

namespace KafkaWorkers.Runtime;

/// <summary>
/// The experimental batch fetch (<see cref="KafkaWorkerOptions.ExperimentalBatchFetch"/>): takes messages from
/// librdkafka in batches on the consumer's own <c>rd_kafka_t</c> (<c>rd_kafka_consume_batch_queue</c> on its consumer
/// queue) and hands them to the poll loop one at a time, as <see cref="IConsumer{TKey,TValue}.Consume(TimeSpan)"/>
/// would.
/// </summary>
/// <remarks>
/// <para>
/// Rebalances, commits and errors stay Confluent.Kafka's: <c>rd_kafka_consume_batch_queue</c> serves the queue's
/// other events through the callbacks Confluent.Kafka registered, on the poll thread, inside <see cref="Consume"/>.
/// Each record is copied out of librdkafka's memory (key, value, headers) and its native message destroyed when the
/// poll loop takes it, so nothing the handlers receive points into native memory; what is saved against
/// <c>Consume</c> is its per-message marshalling (the topic name read as a new string, the error and offset objects)
/// and the one native call per message.
/// </para>
/// <para>
/// librdkafka counts a message as delivered to the application when it enters a batch: a pause does not take back
/// what the batch holds of the partition, so the poll loop gives it back (<see cref="GiveBack"/>) and seeks the
/// partition to it, which keeps the pause's bound exact. Between two fetches no rebalance can run, so no message of a
/// batch belongs to a partition revoked after it was fetched.
/// Not thread-safe: the poll thread alone calls it.
/// </para>
/// </remarks>
internal sealed unsafe class BatchFetcher : IDisposable
{
    /// <summary>The most messages one fetch takes.</summary>
    internal const int BatchSize = 1000;

    private readonly SafeConsumerQueueHandle _queue;
    private readonly NativeMessage*[] _batch = new NativeMessage*[BatchSize];
    private int _count;
    private int _next;
    private nint _lastTopic;
    private string _lastTopicName = string.Empty;

    private BatchFetcher(SafeConsumerQueueHandle queue) => _queue = queue;

    /// <summary>Opens a fetcher on <paramref name="consumer"/>'s own handle; dispose it before the consumer.</summary>
    /// <exception cref="NotSupportedException">The Confluent.Kafka version hides its handle elsewhere (<see cref="ConfluentClientHandle"/>).</exception>
    public static BatchFetcher Open(IClient consumer) => new(SafeConsumerQueueHandle.Open(ConfluentClientHandle.Of(consumer)));

    /// <summary>
    /// Returns the next message of the current batch; when the batch is used up, fetches what librdkafka holds without
    /// waiting, or waits up to <paramref name="timeout"/> for one message.
    /// </summary>
    /// <returns>The message, or null when none came within the timeout.</returns>
    /// <exception cref="ConsumeException">librdkafka delivered an error instead of a message.</exception>
    /// <exception cref="KafkaException">librdkafka refused the fetch.</exception>
    /// <exception cref="ObjectDisposedException">The fetcher was disposed.</exception>
    public ConsumeResult<byte[]?, byte[]?>? Consume(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_queue.IsClosed, this);
        while (_next < _count && _batch[_next] is null)
        {
            // Given back (GiveBack).
            _next++;
        }

        if (_next == _count && Fetch(timeout) == 0)
        {
            return null;
        }

        var message = _batch[_next];
        _batch[_next++] = null;
        try
        {
            return ToResult(message);
        }
        finally
        {
            LibRdKafkaConsumerQueue.MessageDestroy(message);
        }
    }

    /// <summary>
    /// Gets the offset of the first message of <paramref name="partition"/> that the current batch holds and the poll loop
    /// has not taken. librdkafka moved the partition's position past every message of the batch when it returned it, so
    /// the position may pass this one: a commit point must not (see <c>KafkaWorker.SkipToPositions</c>).
    /// </summary>
    /// <returns>The offset, or null when the batch holds nothing more of the partition.</returns>
    public long? FirstHeld(TopicPartition partition)
    {
        for (var i = _next; i < _count; i++)
        {
            if (IsOf(_batch[i], partition))
            {
                return _batch[i]->Offset;
            }
        }

        return null;
    }

    /// <summary>
    /// Gives back the messages of <paramref name="partition"/> that the current batch holds and the poll loop has not
    /// taken (it paused the partition): destroys them and returns the offset of the first, where the caller seeks the
    /// partition so that they are fetched again after the resume.
    /// </summary>
    /// <returns>The offset of the first message given back, or null when the batch held none of the partition.</returns>
    public Offset? GiveBack(TopicPartition partition)
    {
        Offset? first = null;
        for (var i = _next; i < _count; i++)
        {
            var message = _batch[i];
            if (!IsOf(message, partition))
            {
                continue;
            }

            first ??= new Offset(message->Offset);
            LibRdKafkaConsumerQueue.MessageDestroy(message);
            _batch[i] = null;
        }

        return first;
    }

    /// <summary>Destroys the messages not taken, then the queue reference (before the consumer is disposed).</summary>
    public void Dispose()
    {
        for (; _next < _count; _next++)
        {
            if (_batch[_next] is not null)
            {
                LibRdKafkaConsumerQueue.MessageDestroy(_batch[_next]);
                _batch[_next] = null;
            }
        }

        _queue.Dispose();
    }

    private int Fetch(TimeSpan timeout)
    {
        fixed (NativeMessage** batch = _batch)
        {
            var count = LibRdKafkaConsumerQueue.ConsumeBatchQueue(_queue, 0, batch, BatchSize);
            if (count == 0)
            {
                // Nothing prefetched: wait for one message (a batch of one returns as soon as it is there).
                count = LibRdKafkaConsumerQueue.ConsumeBatchQueue(_queue, (int)timeout.TotalMilliseconds, batch, 1);
            }

            if (count < 0)
            {
                var error = LibRdKafkaConsumerQueue.LastError();
                throw new KafkaException(new Error((ErrorCode)error, Marshal.PtrToStringUTF8((nint)LibRdKafkaConsumerQueue.ErrorToString(error))));
            }

            _count = (int)count;
            _next = 0;
            return _count;
        }
    }

    private ConsumeResult<byte[]?, byte[]?> ToResult(NativeMessage* message)
    {
        var result = new ConsumeResult<byte[]?, byte[]?>
        {
            Topic = message->Topic == 0 ? string.Empty : TopicName(message->Topic),
            Partition = new Partition(message->Partition),
            Offset = new Offset(message->Offset),
            IsPartitionEOF = message->Err == LibRdKafkaConsumerQueue.PartitionEof,
        };
        if (message->Err == 0)
        {
            result.LeaderEpoch = LibRdKafkaConsumerQueue.MessageLeaderEpoch(message) is var epoch and >= 0 ? epoch : null;
            result.Message = new Message<byte[]?, byte[]?>
            {
                Key = NativeRecords.Copy(message->Key, message->KeyLength),
                Value = NativeRecords.Copy(message->Payload, message->Length),
                Headers = NativeRecords.ReadHeaders(message),
                Timestamp = NativeRecords.ReadTimestamp(message),
            };
        }
        else if (!result.IsPartitionEOF)
        {
            var code = (ErrorCode)message->Err;
            var reason = Marshal.PtrToStringUTF8((nint)LibRdKafkaConsumerQueue.MessageErrorString(message)) ?? code.ToString();
            throw new ConsumeException(
                new ConsumeResult<byte[], byte[]> { Topic = result.Topic, Partition = result.Partition, Offset = result.Offset },
                new Error(code, reason, isFatal: code == ErrorCode.Local_Fatal));
        }

        return result;
    }

    /// <summary>Gets whether a slot of the batch holds a message (not an error) of the partition.</summary>
    private bool IsOf(NativeMessage* message, TopicPartition partition) =>
        message is not null && message->Err == 0 && message->Partition == partition.Partition.Value && TopicName(message->Topic) == partition.Topic;

    private string TopicName(nint topic)
    {
        if (topic != _lastTopic)
        {
            _lastTopicName = Marshal.PtrToStringUTF8((nint)LibRdKafkaShare.TopicName(topic)) ?? string.Empty;
            _lastTopic = topic;
        }

        return _lastTopicName;
    }
}
