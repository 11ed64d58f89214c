using System.Collections.Concurrent;
using System.Globalization;
using Confluent.Kafka;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Testing;

[Collection(KafkaCollection.Name)]
public sealed class KafkaTestClusterTests(KafkaFixture kafka)
{
    [Fact]
    public async Task RoundTrip_of_10000_keyed_messages_keeps_order_per_partition_and_per_key()
    {
        const int count = 10_000;
        var topic = await kafka.CreateTopicAsync(partitions: 6);
        var produced = await kafka.Client.ProduceAsync(topic, count);
        Assert.All(produced, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));

        using var consumer = NewConsumer(KafkaFixture.NewGroupId());
        consumer.Subscribe(topic);
        var received = new List<ConsumeResult<string, string>>(count);
        var deadline = DateTime.UtcNow + Eventually.DefaultTimeout;
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is not null)
            {
                received.Add(result);
            }
        }

        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(r => r.Message.Value).Distinct().Count());
        foreach (var partition in received.GroupBy(r => r.Partition.Value))
        {
            var offsets = partition.Select(r => r.Offset.Value).ToList();
            Assert.Equal(offsets.Order(), offsets);
        }

        foreach (var key in received.GroupBy(r => r.Message.Key))
        {
            Assert.Single(key.Select(r => r.Partition.Value).Distinct());
            var sequence = key.Select(r => int.Parse(r.Message.Value["value-".Length..], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sequence.Order(), sequence);
        }
    }

    [Fact]
    public async Task Two_cooperative_sticky_consumers_split_six_partitions()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 6);
        var group = KafkaFixture.NewGroupId();
        using var stop = new CancellationTokenSource();
        var assignments = new ConcurrentDictionary<int, IReadOnlyList<int>>();

        Task RunMember(int member) => Task.Factory.StartNew(() =>
        {
            using var consumer = NewConsumer(group, PartitionAssignmentStrategy.CooperativeSticky);
            consumer.Subscribe(topic);
            while (!stop.IsCancellationRequested)
            {
                consumer.Consume(TimeSpan.FromMilliseconds(100));
                assignments[member] = consumer.Assignment.Select(p => p.Partition.Value).Order().ToList();
            }

            consumer.Close();
        }, TaskCreationOptions.LongRunning);

        var members = new[] { RunMember(0), RunMember(1) };
        try
        {
            await Eventually.HoldsAsync(
                () => assignments.Count == 2 && assignments.Values.All(a => a.Count == 3) &&
                      assignments.Values.SelectMany(a => a).Distinct().Count() == 6,
                "the two members own three distinct partitions each");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(members);
        }

        Assert.Equal(Enumerable.Range(0, 6), assignments.Values.SelectMany(a => a).Order());
    }

    [Fact]
    public async Task Committed_offsets_read_back_equal_what_was_committed()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 3);
        await kafka.Client.ProduceAsync(topic, 60);
        var group = KafkaFixture.NewGroupId();
        var committed = new[]
        {
            new TopicPartitionOffset(topic, 0, 5),
            new TopicPartitionOffset(topic, 2, 11),
        };

        using (var consumer = NewConsumer(group))
        {
            consumer.Assign(committed);
            consumer.Commit(committed);
        }

        var readBack = await kafka.Client.GetCommittedOffsetsAsync(group, topic);

        Assert.Equal(new Dictionary<int, long> { [0] = 5, [1] = -1, [2] = 11 }, readBack);
    }

    [Fact]
    public async Task High_watermarks_count_the_messages_of_each_partition()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 4);
        var produced = await kafka.Client.ProduceAsync(topic, 100);

        var watermarks = await kafka.Client.GetHighWatermarksAsync(topic);

        var expected = produced.GroupBy(r => r.Partition.Value).ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var partition in Enumerable.Range(0, 4))
        {
            Assert.Equal(expected.GetValueOrDefault(partition), watermarks[partition]);
        }

        Assert.Equal(4, await kafka.Client.GetPartitionCountAsync(topic));
    }

    [InProcessClusterFact]
    public async Task A_producer_loses_nothing_while_a_broker_is_down_and_up_again()
    {
        await using var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 3);
        cluster.CreateTopic("orders", partitions: 3, replicationFactor: 3);
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync("orders", 10);

        cluster.TakeBrokerDown(1);
        var producing = client.ProduceAsync("orders", 1_000, i => new Message<string?, string?> { Key = $"k{i % 7}", Value = $"during-outage-{i}" });
        await Task.Delay(TimeSpan.FromSeconds(2));
        cluster.BringBrokerUp(1);
        var delivered = await producing;

        Assert.All(delivered, r => Assert.Equal(PersistenceStatus.Persisted, r.Status));
        var all = await client.ReadAllAsync("orders");
        var values = all.Select(r => System.Text.Encoding.UTF8.GetString(r.Message.Value!)).Where(v => v.StartsWith("during-outage-", StringComparison.Ordinal)).ToList();
        Assert.Equal(1_000, values.Count);
        Assert.Equal(1_000, values.Distinct().Count());
    }

    [InProcessClusterFact]
    public async Task Injected_produce_errors_are_retried_by_an_idempotent_producer()
    {
        await using var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 1);
        cluster.CreateTopic("events", partitions: 1);
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        cluster.InjectRequestErrors(KafkaApiKey.Produce, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas);

        var delivered = await client.ProduceAsync("events", 5);

        Assert.Equal(5, delivered.Count);
        Assert.Equal(new Dictionary<int, long> { [0] = 5 }, await client.GetHighWatermarksAsync("events"));
    }

    private IConsumer<string, string> NewConsumer(
        string group, PartitionAssignmentStrategy strategy = PartitionAssignmentStrategy.Range) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            PartitionAssignmentStrategy = strategy,
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 500,
        }).Build();
}
