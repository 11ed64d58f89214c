using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>
/// The one place integration tests get a broker from: the in-process cluster by default, or the external
/// cluster named by the environment variable <c>KAFKA_BOOTSTRAP_SERVERS</c>. Every test uses uniquely named
/// topics and groups, so tests never see each other's data on either broker.
/// </summary>
public sealed class KafkaFixture : IAsyncLifetime
{
    /// <summary>The environment variable that points the tests at an external cluster.</summary>
    public const string BootstrapServersVariable = "KAFKA_BOOTSTRAP_SERVERS";

    private IKafkaTestBroker? _broker;
    private KafkaTestClient? _client;

    /// <summary>Gets whether the tests run against an external cluster.</summary>
    public static bool IsExternal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BootstrapServersVariable));

    public IKafkaTestBroker Broker => _broker ?? throw new InvalidOperationException("The fixture has not started.");

    public string BootstrapServers => Broker.BootstrapServers;

    /// <summary>Gets helpers bound to the broker: produce, read back, committed offsets, watermarks.</summary>
    public KafkaTestClient Client => _client ?? throw new InvalidOperationException("The fixture has not started.");

    public Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(BootstrapServersVariable);
        _broker = string.IsNullOrWhiteSpace(external)
            ? new InProcessBroker(KafkaTestCluster.Start(brokerCount: 3))
            : new ExternalBroker(external.Trim());
        _client = new KafkaTestClient(_broker.BootstrapServers);
        return Task.CompletedTask;
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
