using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Lag;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.IntegrationTests.Lag;

[Collection(KafkaCollection.Name)]
public sealed class LagMonitorTests(KafkaFixture kafka, ITestOutputHelper output)
{
    private const string Worker = "recording";

    [Fact]
    public async Task The_monitor_reports_each_partitions_lag_as_read_from_the_cluster_and_publishes_it_as_metrics()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 6);
        var group = KafkaFixture.NewGroupId();
        await kafka.Client.ProduceAsync(topic, 600);

        // The worker handles 250 messages, one at a time, and holds the 251st until the gate opens: it commits 250.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        var behavior = new HandlerBehavior
        {
            BeforeAsync = async (_, ct) =>
            {
                if (Interlocked.Increment(ref handled) > 250)
                {
                    await gate.Task.WaitAsync(ct);
                }
            },
        };

        // offsetResetPolicy earliest: a partition the worker has not committed yet counts its whole log (with KEDA's
        // default, latest, it would count 1), so the total is 600 - 250 = 350 however the 250 spread over the partitions.
        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, new ProcessedLog(), behavior, output,
            o =>
            {
                o.MaxConcurrency = 1;
                o.CommitInterval = TimeSpan.FromMilliseconds(100);
            },
            s => s.AddKafkaLagMonitor(Worker, o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.Trigger.LagThreshold = 50;
                o.Trigger.OffsetResetPolicy = KedaOffsetResetPolicy.Earliest;
            }));
        var monitor = host.Host.Services.GetRequiredService<IKafkaLagMonitor>();
        Assert.Equal([Worker], monitor.Workers);

        await Eventually.HoldsAsync(() => monitor.GetSnapshot(Worker) is { TotalLag: 350 }, "the monitor saw 250 of 600 messages committed");
        var snapshot = monitor.GetSnapshot(Worker)!;
        var committed = await kafka.Client.GetCommittedOffsetsAsync(group, topic);
        var ends = await kafka.Client.GetHighWatermarksAsync(topic);
        Assert.Equal(250, committed.Values.Where(c => c >= 0).Sum());
        Assert.Equal(600, ends.Values.Sum());
        Assert.Equal([0, 1, 2, 3, 4, 5], snapshot.Partitions.Select(p => p.Offsets.Partition));
        foreach (var partition in snapshot.Partitions)
        {
            var p = partition.Offsets.Partition;
            Assert.Equal(topic, partition.Offsets.Topic);
            Assert.Equal(committed[p], partition.Offsets.CommittedOffset);
            Assert.Equal(ends[p], partition.Offsets.EndOffset);
            Assert.Equal(committed[p] < 0 ? ends[p] : ends[p] - committed[p], partition.Lag);
        }

        // 350 / 50 = 7 (integer) is above 6 partitions: the metric is capped at 6 × 50 = 300. Active (350 > 0).
        // Replicas: 0 → 1 (activation) → ceil(300 / 50) = 6 → at 6 the ratio is 1: 6.
        Assert.Equal((300L, true, 6, false), (snapshot.MetricValue, snapshot.IsActive, snapshot.PredictedReplicas, snapshot.IsStale));
        Assert.Equal(50, snapshot.LagThreshold);

        // The snapshot says why, with the same numbers.
        Assert.StartsWith("6 replicas: metric 300 / lagThreshold 50 → 6; ", snapshot.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("capped at 6 partitions: metric 350 → 300; active: activity 350 over activationLagThreshold 0", snapshot.Explanation.Summary, StringComparison.Ordinal);
        Assert.Equal(
            snapshot.Partitions.Count(p => p.Offsets.CommittedOffset < 0),
            snapshot.Explanation.Reasons.Count(r => r.Code == KedaScalingReasonCodes.NoCommitCountsEndOffset));

        var metrics = ReadLagMetrics(group);
        foreach (var partition in snapshot.Partitions)
        {
            Assert.Equal(partition.Lag, metrics[(KafkaWorkersTelemetry.PartitionLag, topic, partition.Offsets.Partition.ToString())]);
        }

        Assert.Equal(350, metrics[(KafkaWorkersTelemetry.WorkerLag, null, null)]);
        Assert.Equal(300, metrics[(KafkaWorkersTelemetry.KedaMetricValue, null, null)]);
        Assert.Equal(6, metrics[(KafkaWorkersTelemetry.PredictedReplicas, null, null)]);
        Assert.InRange(metrics[(KafkaWorkersTelemetry.LagSnapshotAge, null, null)], 0, 30);

        gate.SetResult();
        await Eventually.HoldsAsync(
            () => monitor.GetSnapshot(Worker) is { TotalLag: 0, IsActive: false },
            "the worker handled and committed everything");

        // No lag: inactive, metric 0; with minReplicaCount 0 KEDA scales to zero once the cooldown has passed.
        snapshot = monitor.GetSnapshot(Worker)!;
        ends = await kafka.Client.GetHighWatermarksAsync(topic);
        Assert.Equal(ends.OrderBy(e => e.Key).Select(e => e.Value), snapshot.Partitions.Select(p => p.Offsets.CommittedOffset));
        Assert.All(snapshot.Partitions, p => Assert.Equal(0, p.Lag));
        Assert.Equal((0L, 0), (snapshot.MetricValue, snapshot.PredictedReplicas));
        Assert.Equal(
            "0 replicas: the HPA does not act at 0 replicas; cap of 6 partitions not reached; inactive: activity 0 not over activationLagThreshold 0",
            snapshot.Explanation.Summary);
    }

    [InProcessClusterFact]
    public async Task A_failed_read_keeps_the_last_snapshot_marked_stale_until_a_read_succeeds()
    {
        await using var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 1);
        const string topic = "orders";
        cluster.CreateTopic(topic, partitions: 2, replicationFactor: 1);
        using (var client = new KafkaWorkers.Testing.KafkaTestClient(cluster.BootstrapServers))
        {
            await client.ProduceAsync(topic, 10);
        }

        await using var host = await WorkerHost.StartAsync("a", cluster.BootstrapServers, topic, KafkaFixture.NewGroupId(), new ProcessedLog(),
            new HandlerBehavior(), output,
            services: s => s.AddKafkaLagMonitor(Worker, o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.ReadTimeout = TimeSpan.FromSeconds(1);
            }));
        var monitor = host.Host.Services.GetRequiredService<IKafkaLagMonitor>();
        await Eventually.HoldsAsync(() => monitor.GetSnapshot(Worker) is { IsStale: false, Partitions.Count: 2 }, "a first read succeeded");

        cluster.TakeBrokerDown(1);
        await Eventually.HoldsAsync(() => monitor.GetSnapshot(Worker) is { IsStale: true }, "a read failed");
        var stale = monitor.GetSnapshot(Worker)!;
        Assert.NotNull(stale.LastError);
        Assert.Equal(2, stale.Partitions.Count);
        Assert.Equal([10L], [stale.Partitions.Sum(p => p.Offsets.EndOffset)]);

        cluster.BringBrokerUp(1);
        await Eventually.HoldsAsync(
            () => monitor.GetSnapshot(Worker) is { IsStale: false } fresh && fresh.TakenAt > stale.TakenAt,
            "a read succeeded again");
        Assert.Null(monitor.GetSnapshot(Worker)!.LastError);
    }

    /// <summary>Reads the lag instruments once through a <see cref="MeterListener"/>, keeping the given group's measurements.</summary>
    private static Dictionary<(string Instrument, string? Topic, string? Partition), double> ReadLagMetrics(string group)
    {
        var values = new ConcurrentDictionary<(string, string?, string?), double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == KafkaWorkersTelemetry.MeterName && instrument.Name.StartsWith("kafkaworkers.lag.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (all.GetValueOrDefault("messaging.consumer.group.name") == group)
            {
                Assert.Equal(Worker, all["kafkaworkers.worker"]);
                Assert.Equal("kafka", all["messaging.system"]);
                values[(instrument.Name, all.GetValueOrDefault("messaging.destination.name"), all.GetValueOrDefault("messaging.destination.partition.id"))] = value;
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return new(values);
    }
}
