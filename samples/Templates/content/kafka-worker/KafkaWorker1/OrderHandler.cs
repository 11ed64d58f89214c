using KafkaWorkers;

namespace KafkaWorker1;

/// <summary>Handles one message at a time per partition; the offset is committed after this returns.</summary>
[KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
[KedaScaledObject(PollingInterval = 10, CooldownPeriod = 30, MinReplicaCount = 0, MaxReplicaCount = 6, Partitions = 6, LagThreshold = 50)]
[KubernetesDeployment(EnvironmentConfigMap = "kafka-env", CpuRequest = "100m", MemoryRequest = "128Mi", MemoryLimit = "256Mi")]
public sealed class OrderHandler(ILogger<OrderHandler> logger) : IKafkaHandler<string, string>
{
    public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Order {Key} from partition {Partition} at offset {Offset}", message.Key, message.Partition, message.Offset);
        return ValueTask.CompletedTask;
    }
}
