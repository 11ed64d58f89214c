using KafkaWorkers.Testing;
using KafkaWorkers.Testing.Containers;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>A real Apache Kafka broker in a container (<see cref="KafkaContainerBroker"/>), chosen with <c>KAFKAWORKERS_TEST_BROKER=container</c>.</summary>
public sealed class ContainerBroker(KafkaContainerBroker broker) : IKafkaTestBroker
{
    /// <summary>The settings every container test uses: the image from <c>KAFKAWORKERS_KAFKA_IMAGE</c> or the default, never pulled.</summary>
    public static KafkaContainerBrokerOptions Options => new() { PullImage = false };

    public string BootstrapServers => broker.BootstrapServers;

    public string Description => $"Apache Kafka container ({broker.Image}) at {broker.BootstrapServers}";

    public KafkaTestCluster? Cluster => null;

    public KafkaContainerBroker Container => broker;

    public Task CreateTopicAsync(string topic, int partitions, CancellationToken cancellationToken) =>
        broker.CreateTopicAsync(topic, partitions, cancellationToken);

    public ValueTask DisposeAsync() => broker.DisposeAsync();
}
