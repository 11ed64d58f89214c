using KafkaWorkers.Testing;
using KafkaWorkers.Testing.Containers;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>
/// The one place integration tests get a broker from: the in-process cluster by default, the external cluster named
/// by the environment variable <c>KAFKA_BOOTSTRAP_SERVERS</c>, or an Apache Kafka container with
/// <c>KAFKAWORKERS_TEST_BROKER=container</c>. Every test uses uniquely named topics and groups, so tests never see
/// each other's data on any broker.
/// </summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    /// <summary>The environment variable that points the tests at an external cluster.</summary>
    public const string BootstrapServersVariable = "KAFKA_BOOTSTRAP_SERVERS";

    /// <summary>The environment variable that chooses the broker kind: <c>container</c> for an Apache Kafka container.</summary>
    public const string BrokerVariable = "KAFKAWORKERS_TEST_BROKER";

    /// <summary>Set to <c>1</c>, every worker the tests start runs with <see cref="KafkaWorkerOptions.ExperimentalBatchFetch"/> on.</summary>
    public const string BatchFetchVariable = "KAFKAWORKERS_TEST_BATCH_FETCH";

    private IKafkaTestBroker? _broker;
    private KafkaTestClient? _client;

    /// <summary>Gets whether the tests run against a real broker (external or a container) rather than the in-process cluster.</summary>
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BootstrapServersVariable)) || UsesContainer;

    /// <summary>
    /// Gets the shortest <c>session.timeout.ms</c> the broker accepts, for tests whose members join and leave one after
    /// another: 2 s on the in-process cluster (whose coordinator waits out session timeouts), 6 s on a real broker, whose
    /// <c>group.min.session.timeout.ms</c> is 6000 by default and which refuses less with INVALID_SESSION_TIMEOUT.
    /// </summary>
    public static string ShortSessionTimeoutMs => IsExternal ? "6000" : "2000";

    /// <summary>Gets whether every worker the tests start takes its messages through the experimental batch fetch.</summary>
    public static bool ForcesBatchFetch => Environment.GetEnvironmentVariable(BatchFetchVariable) == "1";

    /// <summary>Gets whether the tests run against an Apache Kafka container.</summary>
    public static bool UsesContainer => string.Equals(Environment.GetEnvironmentVariable(BrokerVariable), "container", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets a short description of the broker kind, for skip reasons.</summary>
    public static string ExternalDescription => UsesContainer
        ? $"{BrokerVariable}=container runs them against an Apache Kafka container"
        : $"{BootstrapServersVariable} points at an external cluster";

    public IKafkaTestBroker Broker => _broker ?? throw new InvalidOperationException("The fixture has not started.");

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>Gets helpers bound to the broker: produce, read back, committed offsets, watermarks.</summary>
    public KafkaTestClient Client => _client ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(BootstrapServersVariable);
        _broker = !string.IsNullOrWhiteSpace(external) ? new ExternalBroker(external.Trim())
            : UsesContainer ? new ContainerBroker(await KafkaContainerBroker.StartAsync(ContainerBroker.Options))
            : new InProcessBroker(KafkaTestCluster.Start(new KafkaTestClusterOptions
            {
                BrokerCount = 3,
                // KIP-848 assignments reach members with their heartbeats: a short interval keeps those tests quick.
                ConsumerGroupHeartbeatInterval = TimeSpan.FromMilliseconds(500),
            }));
        _client = new KafkaTestClient(_broker.BootstrapServers);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    /// <summary>Creates a topic with a unique name and returns the name.</summary>
    public async Task<string> CreateTopicAsync(int partitions, string prefix = "test")
    {
        var topic = UniqueName(prefix);
        await Broker.CreateTopicAsync(topic, partitions, CancellationToken.None);
        return topic;
    }

    /// <summary>Creates a unique single-partition topic, its <c>&lt;topic&gt;.dlq</c> dead-letter topic, and a unique group id.</summary>
    public async Task<(string Topic, string Group)> CreateTopicWithDeadLetterTopicAsync()
    {
        var topic = await CreateTopicAsync(partitions: 1);
        await Broker.CreateTopicAsync(topic + ".dlq", 1, CancellationToken.None);
        return (topic, NewGroupId());
    }

    /// <summary>Returns a unique consumer group id.</summary>
    public static string NewGroupId(string prefix = "group") => UniqueName(prefix);

    /// <summary>
    /// Starts a private in-process cluster for a test that injects faults, so that its faults never reach
    /// other tests. Tests calling this are marked <see cref="InProcessClusterFactAttribute"/>.
    /// </summary>
    public static KafkaTestCluster StartPrivateCluster(int brokerCount = 3) => KafkaTestCluster.Start(brokerCount);

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
