namespace DocSnippets.Keda;

[KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
[KedaScaledObject(PollingInterval = 10, CooldownPeriod = 30, IdleReplicaCount = 0, MinReplicaCount = 1,
    MaxReplicaCount = 5, LagThreshold = 10, OffsetResetPolicy = KedaOffsetResetPolicy.Latest, AllowIdleConsumers = false)]
public sealed class OrderHandler : IKafkaHandler<string, Order>
{
    public ValueTask HandleAsync(KafkaMessage<string, Order> message, CancellationToken cancellationToken) => default;
}

public sealed record Order(string Id);
