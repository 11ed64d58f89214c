// Program.cs of a worker app (dotnet new worker), with a reference to the KafkaWorkers package
using KafkaWorkers;
using KafkaWorkers.Testing;
using Confluent.Kafka;

namespace DocSnippets.Readme;

public static class QuickStart
{
    public static void Program(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddKafkaWorker<OrderHandler>();      // topics and group come from the attribute
        builder.Build().Run();                                 // SIGTERM: drain, commit what finished, leave the group
    }

    public static async Task TestingWithoutDocker()
    {
        await using var cluster = KafkaTestCluster.Start(brokerCount: 3);
        cluster.CreateTopic("orders", partitions: 6);
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync("orders", count: 1_000);
        cluster.TakeBrokerDown(1);                 // fault injection
        cluster.InjectRequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.RequestTimedOut);
        var committed = await client.GetCommittedOffsetsAsync("orders-processor", "orders");
    }
}

[KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
[KedaScaledObject(MinReplicaCount = 0, MaxReplicaCount = 6, LagThreshold = 50, Partitions = 6)]
public sealed class OrderHandler(ILogger<OrderHandler> logger) : IKafkaHandler<string, Order>
{
    public ValueTask HandleAsync(KafkaMessage<string, Order> message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Order {Id} from partition {Partition}", message.Value.Id, message.Partition);
        return ValueTask.CompletedTask;
    }
}

public sealed record Order(string Id, decimal Amount);
