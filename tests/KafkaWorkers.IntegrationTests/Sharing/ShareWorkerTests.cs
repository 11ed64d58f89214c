using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Sharing;

/// <summary>Share-group workers (preview) on the in-process cluster, with the explicit target assignment.</summary>
public sealed class ShareWorkerTests(ITestOutputHelper output)
{
    [InProcessClusterFact]
    public async Task One_share_worker_handles_every_record_once_with_delivery_count_one()
    {
        await using var cluster = ShareCluster.Start();
        cluster.CreateTopic("orders");
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync("orders", 50);
        var log = new ShareLog();

        await using (var host = await ShareHost.StartAsync("a", cluster, "orders", "g", log, new ShareBehavior(), output))
        {
            await Eventually.HoldsAsync(() => log.Handled.Count >= 50, "every record was handled");
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), log.Handled.Select(d => d.Offset).Order());
        Assert.All(log.Handled, d => Assert.Equal(1, d.DeliveryCount));
    }
}
