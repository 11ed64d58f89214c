using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>
/// Where integration tests get their Kafka from. Two implementations today: the in-process cluster
/// (default) and an external cluster named by <c>KAFKA_BOOTSTRAP_SERVERS</c>. A Testcontainers-based
/// broker (Testcontainers.Kafka, on machines with Docker) is a third implementation of this interface,
/// chosen in <see cref="KafkaFixture"/>.
/// </summary>
public interface IKafkaTestBroker : IAsyncDisposable
{
    /// <summary>Gets the servers clients connect to.</summary>
    string BootstrapServers { get; }

    /// <summary>Gets a short description for test output.</summary>
    string Description { get; }

    /// <summary>Gets the in-process cluster, or null when the broker is external (no fault injection).</summary>
    KafkaTestCluster? Cluster { get; }

    /// <summary>Creates a topic with the given partition count.</summary>
    Task CreateTopicAsync(string topic, int partitions, CancellationToken cancellationToken);
}
