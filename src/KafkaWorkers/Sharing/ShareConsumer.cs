using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using KafkaWorkers.Native;

namespace KafkaWorkers.Sharing;

/// <summary>
/// One librdkafka share consumer (<c>rd_kafka_share_t</c>) in explicit acknowledgement mode: subscribe, poll batches,
/// acknowledge each record, commit the acknowledgements synchronously, close.
/// </summary>
/// <remarks>Not thread-safe, like the handle it owns: one share-member thread uses it from creation to disposal.</remarks>
internal sealed unsafe class ShareConsumer : IDisposable
{
    private const int ErrorBufferSize = 512;
    private readonly SafeShareConsumerHandle _handle;
    private GCHandle _logSink;
    private nint _lastTopic;
    private string _lastTopicName = string.Empty;

    private ShareConsumer(SafeShareConsumerHandle handle, GCHandle logSink)
    {
        _handle = handle;
        _logSink = logSink;
    }

    /// <summary>Creates a share consumer with the given librdkafka settings, logging to librdkafka's default (stderr).</summary>
    /// <inheritdoc cref="Create(IEnumerable{KeyValuePair{string, string}}, ShareLogSink?)" path="/exception"/>
    public static ShareConsumer Create(IEnumerable<KeyValuePair<string, string>> settings) => Create(settings, logSink: null);

    /// <summary>Creates a share consumer with the given librdkafka settings.</summary>
    /// <param name="settings">librdkafka settings.</param>
    /// <param name="logSink">Where librdkafka's log goes, or null for its default (stderr).</param>
    /// <exception cref="NotSupportedException">The loaded librdkafka has no share consumer API.</exception>
    /// <exception cref="ArgumentException">librdkafka refused a setting (the message names it, never its value).</exception>
    /// <exception cref="InvalidOperationException">librdkafka could not create the consumer.</exception>
    public static ShareConsumer Create(IEnumerable<KeyValuePair<string, string>> settings, ShareLogSink? logSink)
    {
        LibRdKafkaShare.EnsureAvailable();
        var errors = new byte[ErrorBufferSize];
        var conf = LibRdKafkaShare.ConfNew();
        var sink = logSink is null ? default : GCHandle.Alloc(logSink);
        try
        {
            if (sink.IsAllocated)
            {
                LibRdKafkaShare.ConfSetOpaque(conf, GCHandle.ToIntPtr(sink));
                LibRdKafkaShare.ConfSetLogCallback(conf, &ShareLogSink.OnLog);
            }

            foreach (var (name, value) in settings)
            {
                if (LibRdKafkaShare.ConfSet(conf, name, value, errors, (nuint)errors.Length) != LibRdKafkaShare.ConfigOk)
                {
                    throw new ArgumentException($"librdkafka refused the share consumer setting '{name}': {ReadError(errors)}", nameof(settings));
                }
            }

            var handle = LibRdKafkaShare.ShareConsumerNew(conf, errors, (nuint)errors.Length);
            if (handle.IsInvalid)
            {
                handle.Dispose();
                throw new InvalidOperationException($"librdkafka could not create a share consumer: {ReadError(errors)}");
            }

            conf = 0; // the handle owns it now
            var consumer = new ShareConsumer(handle, sink);
            sink = default;
            return consumer;
        }
        finally
        {
            if (conf != 0)
            {
                LibRdKafkaShare.ConfDestroy(conf);
            }

            if (sink.IsAllocated)
            {
                sink.Free();
            }
        }
    }

    /// <summary>Subscribes to topics; the broker assigns partitions (to every member, on a real broker).</summary>
    /// <exception cref="KafkaException">librdkafka refused the subscription.</exception>
    public void Subscribe(IEnumerable<string> topics)
    {
        var list = LibRdKafkaShare.TopicPartitionListNew(4);
        try
        {
            foreach (var topic in topics)
            {
                LibRdKafkaShare.TopicPartitionListAdd(list, topic, -1);
            }

            Check(LibRdKafkaShare.ShareSubscribe(_handle, (nint)list));
        }
        finally
        {
            LibRdKafkaShare.TopicPartitionListDestroy(list);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for a batch of acquired records.</summary>
    /// <returns>The batch, or null when none arrived; dispose it once every record was acknowledged.</returns>
    /// <exception cref="KafkaException">The poll failed; <see cref="Error.IsFatal"/> tells whether the consumer is unusable.</exception>
    public ShareBatch? Poll(TimeSpan timeout)
    {
        var error = LibRdKafkaShare.SharePoll(_handle, (int)timeout.TotalMilliseconds, out var messages);
        if (error != 0)
        {
            messages.Dispose();
            throw TakeError(error);
        }

        if (messages.IsInvalid)
        {
            messages.Dispose();
            return null;
        }

        return new ShareBatch(this, messages);
    }

    /// <summary>Sends every pending acknowledgement and waits for the brokers' answers.</summary>
    /// <returns>The partitions whose acknowledgements failed (for example <c>INVALID_RECORD_STATE</c> after a lock expired).</returns>
    /// <exception cref="KafkaException">The call itself failed (the consumer is closed, or another thread used it).</exception>
    public IReadOnlyList<ShareAcknowledgementFailure> CommitSync(TimeSpan timeout)
    {
        var error = LibRdKafkaShare.ShareCommitSync(_handle, (int)timeout.TotalMilliseconds, out var partitions);
        if (error != 0)
        {
            throw TakeError(error);
        }

        if (partitions is null)
        {
            return [];
        }

        try
        {
            var failures = new List<ShareAcknowledgementFailure>();
            for (var i = 0; i < partitions->Count; i++)
            {
                var partition = partitions->Elements[i];
                if (partition.Err != LibRdKafkaShare.NoError)
                {
                    failures.Add(new(Marshal.PtrToStringUTF8(partition.Topic) ?? string.Empty, partition.Partition, (ErrorCode)partition.Err, Describe(partition.Err)));
                }
            }

            return failures;
        }
        finally
        {
            LibRdKafkaShare.TopicPartitionListDestroy(partitions);
        }
    }

    /// <summary>Sends pending acknowledgements and leaves the share group (bounded by <c>socket.timeout.ms</c>).</summary>
    /// <exception cref="KafkaException">The close failed.</exception>
    public void Close()
    {
        var error = LibRdKafkaShare.ShareConsumerClose(_handle);
        if (error != 0)
        {
            throw TakeError(error);
        }
    }

    /// <summary>Destroys the handle (closing it first if <see cref="Close"/> was not called), then frees the log sink it called.</summary>
    public void Dispose()
    {
        _handle.Dispose();
        if (_logSink.IsAllocated)
        {
            _logSink.Free();
        }
    }

    /// <summary>Acknowledges one record of a batch this consumer returned; the message pointer never leaves this folder.</summary>
    internal ErrorCode Acknowledge(NativeMessage* message, ShareAcknowledgement type) =>
        (ErrorCode)LibRdKafkaShare.ShareAcknowledgeType(_handle, message, (int)type);

    /// <summary>The name of a native topic, cached for the common case of batches from one topic.</summary>
    internal string TopicName(nint topic)
    {
        if (topic != _lastTopic)
        {
            _lastTopicName = Marshal.PtrToStringUTF8((nint)LibRdKafkaShare.TopicName(topic)) ?? string.Empty;
            _lastTopic = topic;
        }

        return _lastTopicName;
    }

    /// <summary>librdkafka's name for an error code, for example <c>INVALID_RECORD_STATE</c> (which Confluent's <see cref="ErrorCode"/> lacks).</summary>
    internal static string NameOf(ErrorCode error) => Marshal.PtrToStringUTF8((nint)LibRdKafkaShare.ErrorToName((int)error)) ?? error.ToString();

    /// <summary>librdkafka's text for an error code.</summary>
    internal static string Describe(int error) => Marshal.PtrToStringUTF8((nint)LibRdKafkaShare.ErrorToString(error)) ?? $"error {error}";

    private static void Check(int error)
    {
        if (error != LibRdKafkaShare.NoError)
        {
            throw new KafkaException(new Error((ErrorCode)error, Describe(error)));
        }
    }

    private static KafkaException TakeError(nint error)
    {
        try
        {
            var code = (ErrorCode)LibRdKafkaShare.ErrorCode(error);
            var reason = Marshal.PtrToStringUTF8((nint)LibRdKafkaShare.ErrorString(error)) ?? code.ToString();
            return new KafkaException(new Error(code, reason, LibRdKafkaShare.ErrorIsFatal(error) != 0));
        }
        finally
        {
            LibRdKafkaShare.ErrorDestroy(error);
        }
    }

    private static string ReadError(byte[] buffer)
    {
        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }
}
