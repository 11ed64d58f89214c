using Confluent.Kafka;
using KafkaWorkers.Testing;

namespace KafkaWorkers.Tests.Testing;

public sealed class KafkaTestClusterArgumentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Start_rejects_a_broker_count_outside_1_to_16(int brokers)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KafkaTestCluster.Start(brokers));
        Assert.Contains("BrokerCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_rejects_a_negative_rebalance_delay()
    {
        var options = new KafkaTestClusterOptions { GroupInitialRebalanceDelay = TimeSpan.FromSeconds(-1) };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KafkaTestCluster.Start(options));
        Assert.Contains("GroupInitialRebalanceDelay", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.005, null)]
    [InlineData(61.0, null)]
    [InlineData(null, 0.5)]
    [InlineData(null, 301.0)]
    [InlineData(2.0, 2.0)]
    public void Start_rejects_kip_848_group_times_outside_their_ranges(double? heartbeatSeconds, double? sessionSeconds)
    {
        var options = new KafkaTestClusterOptions
        {
            ConsumerGroupHeartbeatInterval = heartbeatSeconds is { } h ? TimeSpan.FromSeconds(h) : null,
            ConsumerGroupSessionTimeout = sessionSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KafkaTestCluster.Start(options));
        Assert.Contains(sessionSeconds is null ? "ConsumerGroupHeartbeatInterval" : "ConsumerGroupSessionTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_rejects_null_options() =>
        Assert.Throws<ArgumentNullException>(() => KafkaTestCluster.Start(null!));

    [Fact]
    public async Task Methods_check_their_arguments()
    {
        await using var cluster = KafkaTestCluster.Start(brokerCount: 2);

        Assert.Throws<ArgumentException>(() => cluster.CreateTopic("", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("t", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("t", 1, replicationFactor: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.TakeBrokerDown(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.BringBrokerUp(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetBrokerRoundTripTime(1, TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentNullException>(() => cluster.InjectRequestErrors(KafkaApiKey.Fetch, null!));
        Assert.Throws<ArgumentException>(() => cluster.SetGroupCoordinator("", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetApiVersions(KafkaApiKey.Fetch, -1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetApiVersions(KafkaApiKey.Fetch, 4, 3));
    }

    [Fact]
    public async Task Creating_an_existing_topic_fails_with_a_clear_message()
    {
        await using var cluster = KafkaTestCluster.Start(brokerCount: 1);
        cluster.CreateTopic("orders", 2);

        var error = Assert.Throws<InvalidOperationException>(() => cluster.CreateTopic("orders", 2));
        Assert.Contains("orders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_cluster_refuses_calls()
    {
        var cluster = KafkaTestCluster.Start(brokerCount: 1);
        Assert.Matches(@"^127\.0\.0\.1:\d+$", cluster.BootstrapServers);
        await cluster.DisposeAsync();
        await cluster.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
        Assert.Throws<ObjectDisposedException>(() => cluster.InjectRequestErrors(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition));
    }

    [Fact]
    public async Task The_client_checks_its_arguments()
    {
        Assert.Throws<ArgumentException>(() => new KafkaTestClient(""));
        using var client = new KafkaTestClient("127.0.0.1:1");
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.ProduceAsync("t", -1));
    }
}
