using System.Collections.Concurrent;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>A handler of JSON values: records the offset of each order it receives in the test's <see cref="OrderLog"/>.</summary>
public sealed class OrderHandler(OrderLog log) : IKafkaHandler<string, Order>
{
    public ValueTask HandleAsync(KafkaMessage<string, Order> message, CancellationToken cancellationToken)
    {
        log.Offsets.Enqueue(message.Offset);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The offsets an <see cref="OrderHandler"/> received.</summary>
public sealed class OrderLog
{
    public ConcurrentQueue<long> Offsets { get; } = new();
}

public sealed record Order(string Id, decimal Amount);
