using KafkaWorkers.Health;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Sharing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static KafkaWorkers.IntegrationTests.Sharing.ShareScenario;

namespace KafkaWorkers.IntegrationTests.Sharing;

/// <summary>What a share worker exports for scaling and for Kubernetes: the backlog estimate and its health checks.</summary>
public sealed class ShareScaleSignalTests(ITestOutputHelper output)
{
    [InProcessClusterFact]
    public async Task The_backlog_estimate_is_the_end_offset_minus_the_highest_offset_acquired_and_falls_to_zero_once_everything_was_acquired()
    {
        await using var test = await StartAsync(records: 30);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new ShareBehavior { HandleAsync = (_, _) => gate.Task };
        using var backlog = new MetricRecorder(KafkaShareTelemetry.BacklogEstimate);
        using var acquired = new MetricRecorder(KafkaShareTelemetry.Acquired);

        await using var host = await test.StartHostAsync("a", behavior, output);
        // The member holds its first poll (up to max.poll.records = 10) while its handler waits.
        await Eventually.HoldsAsync(() => Estimate(backlog) is > 0, "a backlog estimate was exported");
        var held = acquired.Measurements.Sum(m => m.Value);
        output.WriteLine($"acquired {held}, estimate {Estimate(backlog)}");
        Assert.Equal(30 - held, Estimate(backlog));

        gate.SetResult();
        await Eventually.HoldsAsync(() => test.Log.Handled.Count >= 30, "every record was handled");
        await Eventually.HoldsAsync(() => Estimate(backlog) == 0, "the estimate fell to zero");
        var last = backlog.Measurements.Last().Tags;
        Assert.Equal(Topic, last["messaging.destination.name"]);
        Assert.Equal("0", last["messaging.destination.partition.id"]);
        Assert.Equal(Group, last["messaging.consumer.group.name"]);
    }

    [InProcessClusterFact]
    public async Task A_share_worker_has_the_liveness_and_readiness_checks_of_a_consumer_group_worker()
    {
        await using var test = await StartAsync(records: 3);

        var host = await test.StartHostAsync<ShareRecordingHandler>("a", new ShareBehavior(), output, services: s => s.AddHealthChecks().AddKafkaWorkerHealthChecks());
        var health = host.Host.Services.GetRequiredService<HealthCheckService>();
        await Eventually.HoldsAsync(() => test.Log.Handled.Count >= 3, "every record was handled");
        await Eventually.HoldsAsync(async () => (await health.CheckHealthAsync()).Status == HealthStatus.Healthy, "the worker is live and ready");

        var report = await health.CheckHealthAsync();
        var ready = report.Entries[KafkaWorkerHealthChecks.ReadinessCheckName("share")];
        Assert.Equal(true, ready.Data["joinedGroup"]);
        Assert.Equal(1, ready.Data["assignedPartitions"]);
        Assert.True((double)report.Entries[KafkaWorkerHealthChecks.LivenessCheckName("share")].Data["secondsSinceLastPoll"] < 60);

        await host.StopAsync();
        var stopped = await health.CheckHealthAsync(r => r.Tags.Contains(KafkaWorkerHealthChecks.ReadyTag));
        Assert.Equal(HealthStatus.Unhealthy, stopped.Status);
        Assert.Contains("is Stopped", stopped.Entries[KafkaWorkerHealthChecks.ReadinessCheckName("share")].Description, StringComparison.Ordinal);
        host.Host.Dispose();
    }

    /// <summary>The gauge's current value for partition 0, or null before the first end offset was read.</summary>
    private static double? Estimate(MetricRecorder backlog)
    {
        backlog.Measurements.Clear();
        backlog.Observe();
        return backlog.Measurements.Select(m => (double?)m.Value).LastOrDefault();
    }
}
