using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>
/// A private one-broker in-process cluster for a test that injects faults, with one topic already holding messages and
/// a client bound to it. Tests using it are marked <see cref="InProcessClusterFactAttribute"/>.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private PrivateCluster(KafkaTestCluster cluster, KafkaTestClient client)
    {
        Cluster = cluster;
        Client = client;
    }

    public KafkaTestCluster Cluster { get; }

    public KafkaTestClient Client { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>Starts the cluster, creates <paramref name="topic"/> and produces <paramref name="messages"/> keyed messages to it.</summary>
    public static async Task<PrivateCluster> StartAsync(string topic, int partitions, int messages)
    {
        var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 1);
        cluster.CreateTopic(topic, partitions);
        var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync(topic, messages);
        return new PrivateCluster(cluster, client);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
    }
}
