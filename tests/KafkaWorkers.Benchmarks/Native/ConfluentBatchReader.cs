using System.Runtime.InteropServices;
using Confluent.Kafka;
using KafkaWorkers.Native;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// The batch fast path: takes messages from librdkafka in batches on the <c>rd_kafka_t</c> a Confluent.Kafka consumer
/// created (<c>rd_kafka_consume_batch_queue</c> on its consumer queue), hands key and value to Confluent's
/// deserializers as spans over the native message, stores each message's offset with
/// <c>rd_kafka_offset_store_message</c> and destroys the batch — no managed allocation per message but what the
/// deserializers make.
/// </summary>
/// <remarks>
/// <para>
/// Everything else stays Confluent.Kafka's: <c>rd_kafka_consume_batch_queue</c> serves the queue's other events
/// through the callbacks Confluent.Kafka registered on the handle, so the consumer's partitions-assigned and -revoked
/// handlers run (on this reader's thread, inside <see cref="Read"/>), and so do its commits (auto-commit of the stored
/// offsets), its commit and error handlers. One difference: an exception a Confluent rebalance handler throws is kept
/// by Confluent.Kafka for its next <c>Consume</c>, which a reader never calls; the handlers a reader runs must not throw.
/// </para>
/// <para>
/// The spans are valid only until the batch is destroyed, at the end of <see cref="Read"/>: the deserializers must
/// copy what they keep (Confluent's own do). Messages are read through <see cref="RdKafkaMessage"/>; headers and
/// timestamps are not read (a deserializer's <see cref="SerializationContext"/> has no headers).
/// </para>
/// <para>Not thread-safe: one thread reads, as one thread polls a consumer.</para>
/// </remarks>
/// <typeparam name="TKey">What the key deserializer makes.</typeparam>
/// <typeparam name="TValue">What the value deserializer makes.</typeparam>
internal sealed unsafe class ConfluentBatchReader<TKey, TValue> : IDisposable
{
    private readonly SafeConsumerQueueHandle _queue;
    private readonly IDeserializer<TKey> _keys;
    private readonly IDeserializer<TValue> _values;
    private readonly RdKafkaMessage*[] _batch;
    private readonly Dictionary<nint, string> _topics = [];
    private readonly ProducedMessages? _produced;

    /// <summary>Opens a reader on <paramref name="consumer"/>'s own handle.</summary>
    /// <param name="consumer">A subscribed Confluent.Kafka consumer; the reader replaces its <c>Consume</c> calls.</param>
    /// <param name="keys">The key deserializer.</param>
    /// <param name="values">The value deserializer.</param>
    /// <param name="batchSize">The most messages one <see cref="Read"/> takes.</param>
    /// <param name="produced">When set, the first message read is checked against it (<see cref="ProducedMessages.Check"/>).</param>
    /// <exception cref="NotSupportedException">The Confluent.Kafka version hides its handle elsewhere (<see cref="ConfluentClientHandle"/>).</exception>
    public ConfluentBatchReader(IClient consumer, IDeserializer<TKey> keys, IDeserializer<TValue> values, int batchSize, ProducedMessages? produced = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        RdKafkaMessage.Verify();
        _queue = SafeConsumerQueueHandle.Open(ConfluentClientHandle.Of(consumer));
        _keys = keys;
        _values = values;
        _batch = new RdKafkaMessage*[batchSize];
        _produced = produced;
    }

    /// <summary>Gets the messages read (consumer errors delivered as messages are not counted).</summary>
    public long Messages { get; private set; }

    /// <summary>Gets the value bytes of the messages read, as the native messages give their length.</summary>
    public ulong ValueBytes { get; private set; }

    /// <summary>Gets how many offset stores failed (a message of a partition no longer assigned).</summary>
    public int StoreFailures { get; private set; }

    /// <summary>Gets the consumer errors that came as messages (transient broker errors).</summary>
    public int Errors { get; private set; }

    /// <summary>Gets what the deserializers made of the last message read.</summary>
    public (TKey Key, TValue Value) Last { get; private set; }

    /// <summary>
    /// Takes what librdkafka holds, up to the batch size, without waiting; when it holds nothing, waits up to
    /// <paramref name="timeoutMs"/> for a message. Rebalances and commits due meanwhile run through Confluent's handlers.
    /// </summary>
    /// <param name="timeoutMs">The most to wait when nothing is there.</param>
    /// <returns>The messages read (0 on a timeout).</returns>
    /// <exception cref="InvalidOperationException">librdkafka refused the call.</exception>
    public int Read(int timeoutMs)
    {
        fixed (RdKafkaMessage** batch = _batch)
        {
            var queue = _queue.DangerousGetHandle();
            var count = LibRdKafkaConsumer.ConsumeBatchQueue(queue, 0, batch, (nuint)_batch.Length);
            if (count == 0)
            {
                // Nothing prefetched: wait for one message (the call returns as soon as the batch of one is full).
                count = LibRdKafkaConsumer.ConsumeBatchQueue(queue, timeoutMs, batch, 1);
            }

            if (count < 0)
            {
                throw new InvalidOperationException($"rd_kafka_consume_batch_queue failed: {LibRdKafkaConsumer.DescribeError(LibRdKafkaConsumer.LastError())}");
            }

            var read = 0;
            try
            {
                for (var i = 0; i < count; i++)
                {
                    read += Accept(batch[i]) ? 1 : 0;
                }
            }
            finally
            {
                // The spans the deserializers saw end here.
                for (var i = 0; i < count; i++)
                {
                    LibRdKafkaConsumer.MessageDestroy(batch[i]);
                }
            }

            return read;
        }
    }

    /// <summary>Destroys the reader's reference to the consumer queue (before the consumer is disposed).</summary>
    public void Dispose() => _queue.Dispose();

    private bool Accept(RdKafkaMessage* message)
    {
        if (message->Err != 0)
        {
            Errors++;
            return false;
        }

        if (Messages == 0)
        {
            _produced?.Check(in *message);
        }

        var topic = TopicOf(message->Rkt);
        var key = _keys.Deserialize(
            new ReadOnlySpan<byte>((void*)message->Key, (int)message->KeyLen), message->Key == 0, new SerializationContext(MessageComponentType.Key, topic));
        var value = _values.Deserialize(
            new ReadOnlySpan<byte>((void*)message->Payload, (int)message->Len), message->Payload == 0, new SerializationContext(MessageComponentType.Value, topic));
        var error = LibRdKafkaConsumer.OffsetStoreMessage(message);
        if (error != 0)
        {
            StoreFailures++;
            LibRdKafkaConsumer.ErrorDestroy(error);
        }

        Last = (key, value);
        ValueBytes += message->Len;
        Messages++;
        return true;
    }

    /// <summary>
    /// The topic's name, read once per <c>rd_kafka_topic_t</c>: the handle keeps one per topic while it knows the topic
    /// (a benchmark's topic outlives the run; a long-lived reader would key this on its assignment instead).
    /// </summary>
    private string TopicOf(nint rkt)
    {
        if (!_topics.TryGetValue(rkt, out var topic))
        {
            topic = Marshal.PtrToStringUTF8((nint)LibRdKafkaConsumer.TopicName(rkt)) ?? "";
            _topics.Add(rkt, topic);
        }

        return topic;
    }
}
