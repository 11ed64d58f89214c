using KafkaWorkers.Health;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KafkaWorkers.Tests.Health;

public sealed class KafkaWorkerHealthCheckTests
{
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMinutes(5);
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void A_worker_is_not_ready_before_it_joins_its_group_and_ready_after_even_without_partitions()
    {
        var status = new WorkerStatus("orders", _time);
        Assert.Equal(HealthStatus.Unhealthy, KafkaWorkerReadinessCheck.Evaluate(status).Status);

        status.SetState(WorkerState.Running);
        status.Polled();
        var joining = KafkaWorkerReadinessCheck.Evaluate(status);
        Assert.Equal(HealthStatus.Unhealthy, joining.Status);
        Assert.Equal(false, joining.Data["joinedGroup"]);

        status.Assigned(0);
        var idle = KafkaWorkerReadinessCheck.Evaluate(status);
        Assert.Equal(HealthStatus.Healthy, idle.Status);
        Assert.Contains("idle", idle.Description, StringComparison.Ordinal);

        status.Assigned(3);
        var consuming = KafkaWorkerReadinessCheck.Evaluate(status);
        Assert.Equal(HealthStatus.Healthy, consuming.Status);
        Assert.Equal(3, consuming.Data["assignedPartitions"]);

        status.SetState(WorkerState.Stopping);
        Assert.Equal(HealthStatus.Unhealthy, KafkaWorkerReadinessCheck.Evaluate(status).Status);
    }

    [Fact]
    public void A_worker_whose_poll_loop_is_blocked_beyond_max_poll_interval_is_not_live()
    {
        var status = new WorkerStatus("orders", _time);
        status.SetState(WorkerState.Running);
        status.Polled();
        status.Assigned(1);
        _time.Advance(TimeSpan.FromMinutes(4));

        var polling = KafkaWorkerLivenessCheck.Evaluate(status, MaxPollInterval);
        Assert.Equal(HealthStatus.Healthy, polling.Status);
        Assert.Equal(240.0, polling.Data["secondsSinceLastPoll"]);

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromMilliseconds(1));
        var blocked = KafkaWorkerLivenessCheck.Evaluate(status, MaxPollInterval);
        Assert.Equal(HealthStatus.Unhealthy, blocked.Status);
        Assert.Contains("has not polled for 300 s", blocked.Description, StringComparison.Ordinal);

        status.Polled();
        Assert.Equal(HealthStatus.Healthy, KafkaWorkerLivenessCheck.Evaluate(status, MaxPollInterval).Status);
    }

    [Fact]
    public void A_failed_worker_is_not_live_while_a_starting_or_stopping_one_is()
    {
        var status = new WorkerStatus("orders", _time);
        Assert.Equal(HealthStatus.Healthy, KafkaWorkerLivenessCheck.Evaluate(status, MaxPollInterval).Status);

        status.SetState(WorkerState.Stopping);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HealthStatus.Healthy, KafkaWorkerLivenessCheck.Evaluate(status, MaxPollInterval).Status);

        status.SetState(WorkerState.Failed);
        var failed = KafkaWorkerLivenessCheck.Evaluate(status, MaxPollInterval);
        Assert.Equal(HealthStatus.Unhealthy, failed.Status);
        Assert.Equal("Failed", failed.Data["state"]);
    }
}
