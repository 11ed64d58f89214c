using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Testing;
using KafkaWorkers.Testing.Containers;

namespace KafkaWorkers.IntegrationTests.Containers;

/// <summary>
/// The container broker itself: a worker against a real Apache Kafka container, and the outage a paused container
/// makes. Each test starts its own container; they are skipped, with the reason, where Docker or the image is missing.
/// </summary>
public sealed class KafkaContainerBrokerTests(ITestOutputHelper output)
{
    [ContainerFact]
    public async Task A_worker_against_a_kafka_container_handles_every_message_once_and_commits_up_to_the_end()
    {
        await using var broker = await KafkaContainerBroker.StartAsync(ContainerBroker.Options);
        using var client = new KafkaTestClient(broker.BootstrapServers);
        var topic = $"container-{Guid.NewGuid():N}";
        var group = KafkaFixture.NewGroupId();
        await broker.CreateTopicAsync(topic, partitions: 4);
        await client.ProduceAsync(topic, 500);
        var log = new ProcessedLog();

        var host = await WorkerHost.StartAsync("a", broker.BootstrapServers, topic, group, log, new HandlerBehavior(), output);
        await Eventually.HoldsAsync(() => log.Count >= 500, "500 messages were handled", TimeSpan.FromMinutes(2));
        await host.StopAsync();

        Assert.Equal(500, log.Count);
        Assert.Empty(log.Duplicates());
        Assert.Equal(await client.GetHighWatermarksAsync(topic), await client.GetCommittedOffsetsAsync(group, topic));
    }

    [ContainerFact]
    public async Task A_paused_broker_is_unreachable_and_once_unpaused_the_worker_finishes_without_loss()
    {
        await using var broker = await KafkaContainerBroker.StartAsync(ContainerBroker.Options);
        using var client = new KafkaTestClient(broker.BootstrapServers);
        var topic = $"container-{Guid.NewGuid():N}";
        var group = KafkaFixture.NewGroupId();
        await broker.CreateTopicAsync(topic, partitions: 2);
        await client.ProduceAsync(topic, 2_000);
        var log = new ProcessedLog();

        await using var host = await WorkerHost.StartAsync("a", broker.BootstrapServers, topic, group, log,
            HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(2)), output);
        await Eventually.HoldsAsync(() => log.Count >= 100, "the worker is under way", TimeSpan.FromMinutes(2));
        await broker.PauseAsync();
        var handledWhilePaused = log.Count;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await broker.UnpauseAsync();

        await Eventually.HoldsAsync(() => log.DistinctCount() == 2_000, "every message was handled after the outage", TimeSpan.FromMinutes(3));
        Assert.True(handledWhilePaused < 2_000);
        await Eventually.HoldsAsync(
            async () => (await client.GetCommittedOffsetsAsync(group, topic)).SequenceEqual(await client.GetHighWatermarksAsync(topic)),
            "the worker committed up to the end", TimeSpan.FromMinutes(1));
    }
}
