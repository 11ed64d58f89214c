using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>A real cluster named by <c>KAFKA_BOOTSTRAP_SERVERS</c>; topics are created through the admin API.</summary>
public sealed class ExternalBroker(string bootstrapServers) : IKafkaTestBroker
{
    private readonly KafkaTestClient _admin = new(bootstrapServers);

    public string BootstrapServers => bootstrapServers;

    public string Description => $"external cluster at {bootstrapServers}";

    public KafkaTestCluster? Cluster => null;

    public Task CreateTopicAsync(string topic, int partitions, CancellationToken cancellationToken) =>
        _admin.CreateTopicAsync(topic, partitions, replicationFactor: 1, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return ValueTask.CompletedTask;
    }
}
