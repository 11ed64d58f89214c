using System.Diagnostics;
using System.Globalization;
using KafkaWorkers;
using KafkaWorkers.Lag;
using KafkaWorkers.Testing;
using Orders.Producer;

namespace Playground;

/// <summary>
/// The local autoscaling playground: an in-process Kafka cluster, a burst of orders, and a local scaler that every
/// polling interval computes the desired replicas with KEDA's model (<see cref="KedaKafkaScalerModel"/>,
/// <see cref="KedaHpaModel"/>: KEDA's activation and the HPA with its behavior) and starts or gracefully stops real
/// Orders.Worker processes, one at a time.
/// </summary>
public sealed class PlaygroundRun(PlaygroundOptions options, TextWriter output)
{
    private const string Topic = "orders";
    private const string GroupId = "orders-processor";

    /// <summary>What starts the table's reason lines: why the desired count, when it changes.</summary>
    public const string WhyPrefix = "         why: ";

    private readonly List<WorkerProcess> _workers = [];
    private int _scaleEvents;
    private int _started;
    private int _maxReplicas;
    private int _failedReplicas;
    private string _bootstrapServers = string.Empty;

    /// <summary>Runs until the burst is consumed and the replicas are back to zero, the duration passes, or cancellation.</summary>
    public async Task<PlaygroundSummary> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.WorkerPath))
        {
            throw new FileNotFoundException($"Orders.Worker.dll not found at {options.WorkerPath}; build samples/Orders.Worker first.");
        }

        var directory = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "kafkaworkers-playground-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var logs = new ProcessedLogs(directory);
        var stopwatch = Stopwatch.StartNew();

        await using var cluster = KafkaTestCluster.Start(brokerCount: 1);
        cluster.CreateTopic(Topic, options.Partitions);
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        _bootstrapServers = cluster.BootstrapServers;
        var runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        Say($"Cluster {cluster.BootstrapServers}, topic '{Topic}' ({options.Partitions} partitions); files in {directory}");
        var produced = await OrderBurst.ProduceAsync(cluster.BootstrapServers, Topic, options.BurstSize, options.Keys, runId, cancellationToken);
        Say($"Produced a burst of {produced.Count} orders. Scaler: every {options.PollingInterval.TotalSeconds:F0} s, cooldown {options.Cooldown.TotalSeconds:F0} s, " +
            $"{options.MinReplicas}-{options.MaxReplicas} replicas (idle 0), lagThreshold {options.LagThreshold}, one replica per step, group protocol {options.GroupProtocol}; Ctrl+C stops.");
        Say($"HPA behavior: scale-up Kubernetes' default (no stabilization, at most 4 pods or 100 % per 15 s); scale-down " +
            $"stabilization {options.ScaleDownWindow.TotalSeconds:F0} s (shortened for the demo: a cluster's default is 300 s), at most 100 % per 15 s; " +
            "the HPA syncs every polling interval here (every 15 s in a cluster).");
        Say("Under a row, \"why:\" gives the reasons of KEDA's and the HPA's arithmetic for the desired count, whenever they change.");
        Say("  time     lag  desired  running  processed  msg/s");

        var completed = false;
        long? lag = null;
        try
        {
            (completed, lag) = await ScaleAsync(client, logs, directory, produced.Count, stopwatch, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Say("Interrupted: stopping every replica.");
        }
        finally
        {
            await StopAllAsync();
        }

        var ids = logs.ReadAll();
        var distinct = ids.ToHashSet(StringComparer.Ordinal);
        var replicasAtEnd = completed ? 0 : _workers.Count;
        if (!cancellationToken.IsCancellationRequested)
        {
            lag = await ReadLagAsync(client, cancellationToken);
        }

        return new PlaygroundSummary
        {
            Produced = produced.Count,
            Processed = ids.Count,
            DistinctProcessed = distinct.Count,
            Lost = produced.Count(id => !distinct.Contains(id)),
            Duplicates = ids.Count - distinct.Count,
            ScaleEvents = _scaleEvents,
            MaxReplicas = _maxReplicas,
            ReplicasAtEnd = replicasAtEnd,
            LagAtEnd = lag,
            FailedReplicas = _failedReplicas,
            Completed = completed,
            Elapsed = stopwatch.Elapsed,
        };
    }

    private async Task<(bool Completed, long? Lag)> ScaleAsync(
        KafkaTestClient client, ProcessedLogs logs, string directory, int produced, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var scaler = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings
        {
            Topic = Topic,
            LagThreshold = options.LagThreshold,
            OffsetResetPolicy = KedaOffsetResetPolicy.Latest,
            AllowIdleConsumers = false,
        });
        var hpa = new KedaHpaModel(new KedaScaledObjectSettings
        {
            MinReplicaCount = options.MinReplicas,
            MaxReplicaCount = options.MaxReplicas,
            IdleReplicaCount = 0,
            Behavior = new HpaBehavior
            {
                ScaleDown = new HpaScalingRules { StabilizationWindowSeconds = (int)options.ScaleDownWindow.TotalSeconds },
            },
        });
        // The scale's spec.replicas, which KEDA and the HPA set; the processes follow it one step per interval, as pods would.
        var target = 0;
        TimeSpan? lastActive = null;
        var lastProcessed = 0;
        var lastTick = TimeSpan.Zero;
        string? lastWhy = null;
        using var timer = new PeriodicTimer(options.PollingInterval);
        while (stopwatch.Elapsed < options.Duration)
        {
            await ReapAsync();
            var partitions = await ReadOffsetsAsync(client, cancellationToken);
            var scalerReasons = new List<KedaScalingReason>();
            var result = scaler.Evaluate(partitions, [], scalerReasons);
            var now = stopwatch.Elapsed;
            if (result.IsActive)
            {
                lastActive = now;
            }

            var running = _workers.Count(w => !w.IsStopping);
            var cooldownElapsed = lastActive is null || now - lastActive >= options.Cooldown;
            var replicaReasons = new List<KedaScalingReason>();
            var desired = target = hpa.Step(
                DateTimeOffset.UnixEpoch + now, result.MetricValue, options.LagThreshold, target, result.IsActive, cooldownElapsed, running, replicaReasons);

            // The same line the lag monitor's snapshot gives (KedaScalingExplanation), printed when it changes.
            var why = KedaScalingExplanation.Create(desired, [.. replicaReasons, .. scalerReasons]).Summary;
            var processed = logs.ReadAll().Count;
            var rate = (processed - lastProcessed) / Math.Max((now - lastTick).TotalSeconds, 0.001);
            (lastProcessed, lastTick) = (processed, now);
            Say(string.Create(CultureInfo.InvariantCulture,
                $"  {now:mm\\:ss}  {result.TotalLag,5}  {desired,7}  {running,7}  {processed,9}  {rate,5:F0}{Step(desired, running, directory, logs)}"));
            if (why != lastWhy)
            {
                Say(WhyPrefix + why);
                lastWhy = why;
            }

            if (processed >= produced && result.TotalLag == 0 && _workers.Count == 0 && lastActive is not null)
            {
                return (true, 0);
            }

            if (!await timer.WaitForNextTickAsync(cancellationToken))
            {
                break;
            }
        }

        Say($"The duration ({options.Duration.TotalSeconds:F0} s) passed.");
        return (false, await ReadLagAsync(client, cancellationToken));
    }

    // One replica per polling interval, and none while another is still stopping: the in-process coordinator refuses
    // commits while members join and leave at once (docs/testing.md, "Limits"), which a real broker would accept.
    private string Step(int desired, int running, string directory, ProcessedLogs logs)
    {
        if (_workers.Any(w => w.IsStopping))
        {
            return "  (waiting for a replica to stop)";
        }

        if (desired > running)
        {
            var number = ++_started;
            var worker = WorkerProcess.Start(number, options.WorkerPath, WorkerEnvironment(logs.PathOf(number)), Path.Combine(directory, $"worker-{number}.out"));
            _workers.Add(worker);
            _scaleEvents++;
            _maxReplicas = Math.Max(_maxReplicas, _workers.Count);
            return $"  + start replica #{number} (pid {worker.Id})";
        }

        if (desired < running)
        {
            var worker = _workers[^1];
            worker.Terminate();
            _scaleEvents++;
            return $"  - SIGTERM replica #{worker.Number} (pid {worker.Id})";
        }

        return string.Empty;
    }

    private Dictionary<string, string> WorkerEnvironment(string processedLog)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kafka__BootstrapServers"] = _bootstrapServers,
            ["Orders__ProcessedLog"] = processedLog,
            ["Orders__HandlerDelay"] = options.HandlerDelay.ToString("c", CultureInfo.InvariantCulture),
            ["Kafka__Workers__orders__StaticMembership"] = "false",
            ["Kafka__Workers__orders__CommitInterval"] = "00:00:01",
            ["Kafka__Workers__orders__GroupProtocol"] = options.GroupProtocol,
            ["DOTNET_TieredPGO"] = "0",
        };
        if (string.Equals(options.GroupProtocol, "Classic", StringComparison.OrdinalIgnoreCase))
        {
            // KIP-848 takes the session timeout and heartbeat interval from the broker.
            environment["Kafka__Consumer__session.timeout.ms"] = options.SessionTimeoutMs.ToString(CultureInfo.InvariantCulture);
            environment["Kafka__Consumer__heartbeat.interval.ms"] = (options.SessionTimeoutMs / 3).ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    private async Task ReapAsync()
    {
        foreach (var worker in _workers.Where(w => w.HasExited).ToList())
        {
            if (!worker.IsStopping || worker.ExitCode != 0)
            {
                _failedReplicas++;
                Say($"Replica #{worker.Number} exited with code {worker.ExitCode}{(worker.IsStopping ? string.Empty : " without being asked to")}.");
            }

            await worker.WaitForExitAsync(TimeSpan.FromSeconds(5));
            worker.Dispose();
            _workers.Remove(worker);
        }
    }

    private async Task StopAllAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Terminate();
        }

        foreach (var worker in _workers)
        {
            if (!await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)))
            {
                _failedReplicas++;
                Say($"Replica #{worker.Number} did not stop within 30 s and was killed.");
            }

            worker.Dispose();
        }
    }

    private static async Task<KafkaPartitionOffsets[]> ReadOffsetsAsync(KafkaTestClient client, CancellationToken cancellationToken)
    {
        var committed = client.GetCommittedOffsetsAsync(GroupId, Topic, cancellationToken);
        var ends = client.GetHighWatermarksAsync(Topic, cancellationToken);
        await Task.WhenAll(committed, ends);
        return [.. ends.Result.OrderBy(p => p.Key).Select(p => new KafkaPartitionOffsets(
            Topic, p.Key, committed.Result.GetValueOrDefault(p.Key, KafkaPartitionOffsets.None), p.Value))];
    }

    private static async Task<long> ReadLagAsync(KafkaTestClient client, CancellationToken cancellationToken) =>
        (await ReadOffsetsAsync(client, cancellationToken)).Sum(p => p.EndOffset - Math.Max(p.CommittedOffset, 0));

    private void Say(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
