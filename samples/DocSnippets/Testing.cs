using KafkaWorkers.Testing;

namespace DocSnippets.Testing;

public static class TestingSnippets
{
    public static async Task Cluster()
    {
        await using var cluster = KafkaTestCluster.Start(brokerCount: 3);
        cluster.CreateTopic("orders", partitions: 6, replicationFactor: 3);
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync("orders", count: 1_000);
    }
}
