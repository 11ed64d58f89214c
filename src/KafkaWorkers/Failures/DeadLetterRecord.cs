using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace KafkaWorkers.Failures;

/// <summary>What a worker dead-letters: to which topic, and the record with its provenance headers.</summary>
internal static class DeadLetterRecord
{
    /// <summary>The suffix of the default dead-letter topic: <c>&lt;topic&gt;.dlq</c>.</summary>
    public const string DefaultSuffix = ".dlq";

    /// <summary>Gets the dead-letter topic of a source topic: the configured one, else <c>&lt;topic&gt;.dlq</c>.</summary>
    public static string TopicFor(string? configured, string topic) =>
        string.IsNullOrWhiteSpace(configured) ? topic + DefaultSuffix : configured;

    /// <summary>
    /// Copies a consumed record for the dead-letter topic: the same key, value and headers (header order kept), then the
    /// provenance headers of <see cref="KafkaDeadLetterHeaders"/>.
    /// </summary>
    public static Message<byte[]?, byte[]?> Create(
        ConsumeResult<byte[]?, byte[]?> result, string groupId, string worker, string reason, Exception error, int attempts)
    {
        var headers = new Headers();
        foreach (var header in result.Message.Headers ?? [])
        {
            headers.Add(header.Key, header.GetValueBytes());
        }

        Add(headers, KafkaDeadLetterHeaders.Topic, result.Topic);
        Add(headers, KafkaDeadLetterHeaders.Partition, result.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, KafkaDeadLetterHeaders.Offset, result.Offset.Value.ToString(CultureInfo.InvariantCulture));
        Add(headers, KafkaDeadLetterHeaders.Timestamp, result.Message.Timestamp.UnixTimestampMs.ToString(CultureInfo.InvariantCulture));
        Add(headers, KafkaDeadLetterHeaders.ConsumerGroup, groupId);
        Add(headers, KafkaDeadLetterHeaders.Worker, worker);
        Add(headers, KafkaDeadLetterHeaders.Reason, reason);
        Add(headers, KafkaDeadLetterHeaders.ExceptionType, error.GetType().FullName ?? error.GetType().Name);
        Add(headers, KafkaDeadLetterHeaders.ExceptionMessage, error.Message);
        Add(headers, KafkaDeadLetterHeaders.Attempts, attempts.ToString(CultureInfo.InvariantCulture));
        return new Message<byte[]?, byte[]?> { Key = result.Message.Key, Value = result.Message.Value, Headers = headers };
    }

    private static void Add(Headers headers, string name, string value)
    {
        headers.Remove(name);
        headers.Add(name, Encoding.UTF8.GetBytes(value));
    }
}
