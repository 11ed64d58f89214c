using Confluent.Kafka;
using KafkaWorkers.Health;
using KafkaWorkers.Hosting;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Runtime;
using KafkaWorkers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KafkaWorkers.IntegrationTests.Health;

[Collection(KafkaCollection.Name)]
public sealed class HealthCheckTests(ITestOutputHelper output)
{
    [InProcessClusterFact]
    public async Task A_worker_is_live_but_not_ready_until_it_joins_its_group_and_ready_once_partitions_are_assigned()
    {
        await using var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 1);
        cluster.CreateTopic("orders", partitions: 2);
        cluster.InjectRequestErrors(KafkaApiKey.JoinGroup, Enumerable.Repeat(ErrorCode.GroupLoadInProgress, 10_000).ToArray());

        await using var host = await WorkerHost.StartAsync("a", cluster.BootstrapServers, "orders", KafkaFixture.NewGroupId(), new ProcessedLog(), new HandlerBehavior(), output,
            services: s => s.AddHealthChecks().AddKafkaWorkerHealthChecks());
        var health = host.Host.Services.GetRequiredService<HealthCheckService>();
        var status = host.Host.Services.GetRequiredService<KafkaWorkerStatusRegistry>().For("recording");
        await Eventually.HoldsAsync(() => status.State == WorkerState.Running && status.SinceLastPoll is not null, "the worker polls");

        var ready = await health.CheckHealthAsync(r => r.Tags.Contains(KafkaWorkerHealthChecks.ReadyTag));
        var live = await health.CheckHealthAsync(r => r.Tags.Contains(KafkaWorkerHealthChecks.LiveTag));
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Contains("has not joined its consumer group", ready.Entries["kafka-worker-recording-ready"].Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, live.Status);
        Assert.Single(live.Entries);

        cluster.ClearRequestErrors(KafkaApiKey.JoinGroup);
        await Eventually.HoldsAsync(
            async () => (await health.CheckHealthAsync(r => r.Tags.Contains(KafkaWorkerHealthChecks.ReadyTag))).Status == HealthStatus.Healthy,
            "the worker is ready once it joined");
        var report = await health.CheckHealthAsync();
        var entry = report.Entries["kafka-worker-recording-ready"];
        Assert.Equal(2, entry.Data["assignedPartitions"]);
        Assert.Equal(true, entry.Data["joinedGroup"]);
        Assert.True((double)report.Entries["kafka-worker-recording-live"].Data["secondsSinceLastPoll"] < 60);
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }
}
