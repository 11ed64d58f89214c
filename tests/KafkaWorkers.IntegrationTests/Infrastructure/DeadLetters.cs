using System.Text;
using Confluent.Kafka;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>Reads dead-lettered records the way a user would inspect them.</summary>
public static class DeadLetters
{
    /// <summary>Gets the last value of a header as UTF-8 text, or null when the record does not carry it.</summary>
    public static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    public static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    /// <summary>Fast retries and commits, so failure tests take milliseconds per attempt.</summary>
    public static void FastRetries(KafkaWorkerOptions options)
    {
        options.CommitInterval = TimeSpan.FromMilliseconds(100);
        options.Failure.InitialDelay = TimeSpan.FromMilliseconds(10);
        options.Failure.MaxDelay = TimeSpan.FromMilliseconds(50);
    }
}
