namespace DocSnippets.GettingStarted;

[KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
[KedaScaledObject(PollingInterval = 10, CooldownPeriod = 30, IdleReplicaCount = 0, MinReplicaCount = 1, MaxReplicaCount = 5,
    LagThreshold = 10, OffsetResetPolicy = KedaOffsetResetPolicy.Latest, AllowIdleConsumers = false)]
public sealed class OrderHandler(ILogger<OrderHandler> logger) : IKafkaHandler<string, Order>
{
    public async ValueTask HandleAsync(KafkaMessage<string, Order> message, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);   // your work; pass the token on
        logger.LogInformation("Order {Id} handled", message.Value.Id);
    }
}

public sealed record Order(string Id, decimal Amount);

public static class Registration
{
    public static void Program(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddKafkaWorker<OrderHandler>();
        builder.Build().Run();
    }
}
