using KafkaWorkers;

namespace Orders.Worker;

/// <summary>Handles one order: simulated work of <see cref="OrdersOptions.HandlerDelay"/>, then records its id.</summary>
/// <remarks>
/// The KEDA values are the seed demo's; <c>dotnet build</c> writes the Deployment and its ScaledObject to
/// <c>bin/.../keda/orders.yaml</c> (health probes on port 8080, served when the worker is started with URLs).
/// </remarks>
[KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
[KedaScaledObject(PollingInterval = 10, CooldownPeriod = 30, IdleReplicaCount = 0, MinReplicaCount = 1, MaxReplicaCount = 5,
    LagThreshold = 10, OffsetResetPolicy = KedaOffsetResetPolicy.Latest, AllowIdleConsumers = false)]
[KubernetesDeployment(EnvironmentConfigMap = "kafka-env", HealthPort = 8080, CpuRequest = "100m", MemoryRequest = "128Mi", MemoryLimit = "256Mi")]
public sealed class OrderHandler(IOptions<OrdersOptions> options, ProcessedLog processed, ILogger<OrderHandler> logger)
    : IKafkaHandler<string, Order>
{
    private readonly TimeSpan _delay = options.Value.HandlerDelay;

    /// <inheritdoc/>
    public async ValueTask HandleAsync(KafkaMessage<string, Order> message, CancellationToken cancellationToken)
    {
        // A stop (SIGTERM) waits for this to finish; a message cancelled here is not committed and is handled again.
        await Task.Delay(_delay, cancellationToken);
        processed.Record(message.Value.Id);
        logger.LogDebug("Order {Id} handled (partition {Partition}, offset {Offset})", message.Value.Id, message.Partition, message.Offset);
    }
}
