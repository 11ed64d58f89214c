using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>The in-process <see cref="KafkaTestCluster"/>.</summary>
public sealed class InProcessBroker(KafkaTestCluster cluster) : IKafkaTestBroker
{
    public string BootstrapServers => cluster.BootstrapServers;

    public string Description => $"in-process cluster ({cluster.BrokerCount} brokers) at {cluster.BootstrapServers}";

    public KafkaTestCluster? Cluster => cluster;

    public Task CreateTopicAsync(string topic, int partitions, CancellationToken cancellationToken)
    {
        cluster.CreateTopic(topic, partitions, replicationFactor: Math.Min(3, cluster.BrokerCount));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
