using System.Collections.Concurrent;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>Records each batch it receives, and each message of it in the test's <see cref="ProcessedLog"/>.</summary>
public sealed class BatchRecordingHandler(ProcessedLog log, HostIdentity host, BatchLog batches) : IKafkaBatchHandler<string, string>
{
    public ValueTask HandleAsync(IReadOnlyList<KafkaMessage<string, string>> messages, CancellationToken cancellationToken)
    {
        batches.Sizes.Enqueue((messages[0].Partition, messages.Count));
        foreach (var message in messages)
        {
            log.Add(host.Name, message);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The batches a <see cref="BatchRecordingHandler"/> received: partition and size.</summary>
public sealed class BatchLog
{
    public ConcurrentQueue<(int Partition, int Size)> Sizes { get; } = new();
}
