namespace KafkaWorkers.Tests.Hosting;

[KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor", ShutdownTimeoutSeconds = 12)]
public sealed class DeclaredHandler : IKafkaHandler<string, Order>
{
    public ValueTask HandleAsync(KafkaMessage<string, Order> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

public sealed class PlainHandler : IKafkaHandler<string, string>
{
    public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

public sealed class BatchOfBytesHandler : IKafkaBatchHandler<byte[], byte[]>
{
    public ValueTask HandleAsync(IReadOnlyList<KafkaMessage<byte[], byte[]>> messages, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

public sealed class NotAHandler
{
}

public sealed class TwoFacedHandler : IKafkaHandler<string, string>, IKafkaBatchHandler<string, string>
{
    public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask HandleAsync(IReadOnlyList<KafkaMessage<string, string>> messages, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

public sealed record Order(string Id, decimal Amount);
