using KafkaWorkers.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Runtime;

[Collection(KafkaCollection.Name)]
public sealed class ExactCommitTests(KafkaFixture kafka, ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_message_is_handled_once_and_committed_up_to_the_high_watermark(bool batchFetch)
    {
        var topic = await kafka.CreateTopicAsync(partitions: 6);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 1_000);

        var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, new HandlerBehavior(), output, o =>
        {
            o.MaxConcurrency = 4;
            o.ExperimentalBatchFetch = batchFetch;
        });
        await Eventually.HoldsAsync(() => log.Count >= 1_000, "1 000 messages were handled");
        await host.StopAsync();

        Assert.Equal(1_000, log.Count);
        Assert.Empty(log.Duplicates());
        Assert.Equal(await kafka.Client.GetHighWatermarksAsync(topic), await kafka.Client.GetCommittedOffsetsAsync(group, topic));
        // The worker says at start which fetch it uses (KAFKAWORKERS_TEST_BATCH_FETCH=1 forces the batch fetch on).
        Assert.Equal(batchFetch || KafkaFixture.ForcesBatchFetch, host.Logs.Contains(LogLevel.Information, "experimental batch fetch"));
    }

    [Fact]
    public async Task Offsets_are_committed_every_commit_interval_while_the_worker_runs()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 2);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 100);

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, new HandlerBehavior(), output,
            o => o.CommitInterval = TimeSpan.FromMilliseconds(200));

        var watermarks = await kafka.Client.GetHighWatermarksAsync(topic);
        await Eventually.HoldsAsync(
            async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic)).SequenceEqual(watermarks),
            "the running worker committed every partition up to its high watermark");
    }
}
