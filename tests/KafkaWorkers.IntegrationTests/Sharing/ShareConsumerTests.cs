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
    public async Task A_batch_handler_on_a_share_worker_gets_every_record_once_in_batches_of_one_partition()
    {
        await using var test = await ShareScenario.StartAsync(records: 60, partitions: 2);

        await using (var host = await test.StartHostAsync<ShareBatchRecordingHandler>("a", new ShareBehavior(), output, o => o.BatchSize = 10))
        {
            await Eventually.HoldsAsync(() => test.Log.Handled.Count >= 60, "every record was handled");
        }

        var handled = test.Log.Handled;
        Assert.Equal(60, handled.Count);
        Assert.Equal(60, handled.Select(d => d.Value).Distinct().Count());
        Assert.All(handled, d => Assert.Equal(1, d.DeliveryCount));
    }
}
