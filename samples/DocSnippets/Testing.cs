using KafkaWorkers.Testing;
using KafkaWorkers.Testing.Containers;

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

    public static async Task Container()
    {
        await using var broker = await KafkaContainerBroker.StartAsync(new KafkaContainerBrokerOptions { Image = "apache/kafka:4.1.0" });
        await broker.CreateTopicAsync("orders", partitions: 6);
        using var client = new KafkaTestClient(broker.BootstrapServers);
        await client.ProduceAsync("orders", count: 1_000);
        await broker.PauseAsync();      // docker pause: the broker stops answering
        await broker.UnpauseAsync();    // and answers again, its state intact
    }
}
