using System.Text;
using Confluent.Kafka;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Sharing;
using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Sharing;

/// <summary>The share consumer binding itself, and batch handlers on a share worker.</summary>
public sealed class ShareConsumerTests(ITestOutputHelper output)
{
    [InProcessClusterFact]
    public async Task A_record_read_from_a_batch_is_a_copy_that_outlives_the_batch_and_the_batch_refuses_use_after_disposal()
    {
        await using var cluster = ShareCluster.Start();
        cluster.CreateTopic("orders");
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync("orders", 3, i => new Message<string?, string?>
        {
            Key = $"key-{i}",
            Value = $"value-{i}",
            Headers = new Headers { { "app-header", Encoding.UTF8.GetBytes($"header-{i}") } },
        });
        using var consumer = ShareConsumer.Create(
            [new("bootstrap.servers", cluster.BootstrapServers), new("group.id", "g"), new("share.acknowledgement.mode", "explicit"), new("log_level", "4")]);
        consumer.Subscribe(["orders"]);

        ShareBatch? batch = null;
        await Eventually.HoldsAsync(() => (batch = consumer.Poll(TimeSpan.FromMilliseconds(200))) is not null, "a batch arrived");
        var record = batch!.Read(0);
        for (var i = 0; i < batch.Count; i++)
        {
            Assert.Equal(Confluent.Kafka.ErrorCode.NoError, batch.Acknowledge(i, ShareAcknowledgement.Accept));
        }

        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.Read(0));
        Assert.Throws<ObjectDisposedException>(() => batch.Acknowledge(0, ShareAcknowledgement.Accept));
        Assert.Equal("orders", record.Result.Topic);
        Assert.Equal(0, record.Result.Offset.Value);
        Assert.Equal(1, record.DeliveryCount);
        Assert.Equal("key-0", Encoding.UTF8.GetString(record.Result.Message.Key!));
        Assert.Equal("value-0", Encoding.UTF8.GetString(record.Result.Message.Value!));
        Assert.Equal("header-0", Encoding.UTF8.GetString(record.Result.Message.Headers.GetLastBytes("app-header")));
        Assert.Equal(TimestampType.CreateTime, record.Result.Message.Timestamp.Type);
        Assert.Empty(consumer.CommitSync(TimeSpan.FromSeconds(10)));
        consumer.Close();
    }

    [InProcessClusterFact]
    public async Task Records_held_by_a_member_that_stops_acknowledging_are_delivered_again_to_a_working_member()
    {
        await using var test = await ShareScenario.StartAsync(records: 5);
        test.Cluster.SetShareGroupRecordLockDuration(TimeSpan.FromSeconds(1));
        // A member that acquires records and then never acknowledges them, as a hung or killed process.
        using var hung = ShareConsumer.Create(
            [new("bootstrap.servers", test.Cluster.BootstrapServers), new("group.id", ShareScenario.Group), new("share.acknowledgement.mode", "explicit"), new("log_level", "4")]);
        hung.Subscribe([ShareScenario.Topic]);
        ShareBatch? held = null;
        await Eventually.HoldsAsync(() => (held = hung.Poll(TimeSpan.FromMilliseconds(200))) is not null, "the member acquired records");
        // librdkafka's destroy waits for every batch of the handle to be freed: free it whatever happens.
        using var batch = held!;
        var acquired = Enumerable.Range(0, batch.Count).Select(i => batch.Read(i).Result.Offset.Value).ToList();
        output.WriteLine($"the hung member holds {string.Join(",", acquired)}");

        await using (var host = await test.StartHostAsync("a", new ShareBehavior(), output))
        {
            await test.Cluster.ShareAmongAsync(ShareScenario.Group, ShareScenario.Topic, members: 2);
            await Eventually.HoldsAsync(() => test.Log.Handled.Count >= 5, "every record was handled by the worker");
        }

        Assert.Equal([0L, 1, 2, 3, 4], test.Log.Handled.Select(d => d.Offset).Order());
        Assert.All(test.Log.Handled.Where(d => acquired.Contains(d.Offset)), d => Assert.Equal(2, d.DeliveryCount));
    }

    [InProcessClusterFact]
    public async Task A_batch_handler_on_a_share_worker_gets_every_record_once_in_batches_of_one_partition()
    {
        await using var test = await ShareScenario.StartAsync(records: 60, partitions: 2);
        using var refused = new RefusedAcknowledgements();

        await using (var host = await test.StartHostAsync<ShareBatchRecordingHandler>("a", new ShareBehavior(), output, o => o.BatchSize = 10))
        {
            await Eventually.HoldsAsync(() => test.Log.Handled.Select(d => d.Value).Distinct().Count() >= 60, "every record was handled");
        }

        var handled = test.Log.Handled;
        Assert.Equal(60, handled.Select(d => d.Value).Distinct().Count());
        refused.AssertHandledOnceExceptAfterRefusals(handled, d => d.Value, handled.Select(d => d.Value).Distinct());
    }
}
