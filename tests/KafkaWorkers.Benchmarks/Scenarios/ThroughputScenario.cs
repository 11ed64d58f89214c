using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using KafkaWorkers.Benchmarks.Infrastructure;
using KafkaWorkers.Benchmarks.Native;

namespace KafkaWorkers.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1: a fetch-bound topic of 100-byte messages, a no-op handler. The limit (a native librdkafka loop), a
/// hand-written Confluent.Kafka loop that stores each message's offset, and KafkaWorkers workers; each run is a new
/// group reading the same pre-produced topic, measured from its assignment to its last message, with the process's
/// CPU time, allocations, thread-pool work items and lock contentions per message.
/// </summary>
public static class ThroughputScenario
{
    public const string Name = "1 throughput";
    public const string Rate = "msg/s";
    public const string Native = "native librdkafka loop, offset_store per message";
    public const string Raw = "raw Confluent.Kafka loop, StoreOffset per message";
    public const string FastPathCopy = "batch fast path on Confluent's handle, byte[] deserializers";
    public const string FastPathSpan = "batch fast path on Confluent's handle, span deserializers (no copy)";
    private const int ValueLength = 100;

    /// <summary>The in-process cluster keeps 5 MiB per partition: 20 000 messages of 100 B (about 2.6 MB) stay under it.</summary>
    private const int InProcessMessagesPerPartition = 20_000;

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private static readonly (string Unit, Func<RunCost, double> Value)[] PerMessage =
    [
        ("µs consumer CPU / message", c => c.CpuMicrosecondsPerMessage),
        ("µs in-process broker CPU / message", c => c.BrokerCpuMicrosecondsPerMessage),
        ("B allocated / message", c => c.BytesPerMessage),
        ("thread-pool work items / message", c => c.WorkItemsPerMessage),
        ("lock contentions / message", c => c.ContentionsPerMessage),
    ];

    public static async Task<IReadOnlyList<Stats>> RunAsync(BenchCluster cluster, BenchSettings settings)
    {
        // Large enough that fetching dominates: 1.2 M messages (at scale 1); an external broker takes them on 6
        // partitions, the in-process cluster spreads them so that every partition stays under its 5 MiB.
        var count = settings.Messages(1_200_000);
        var partitions = cluster.InProcess ? Math.Max(6, (count + InProcessMessagesPerPartition - 1) / InProcessMessagesPerPartition) : 6;
        var topic = await cluster.CreateTopicAsync("throughput", partitions);
        await cluster.ProduceAsync(topic, count, keys: 4096);
        Console.WriteLine($"[{Name}] {count} messages produced to {topic} ({partitions} partitions)");

        var produced = new ProducedMessages(partitions, ValueLength);
        var variants = new List<(string Name, Func<Task<RunCost>> Run)>
        {
            (Native, () => OnOwnThread(() => NativeConsumeLoop.Run(cluster, topic, partitions, count, ValueLength, RunTimeout))),
            (Raw, () => OnOwnThread(() => RawLoop(cluster, topic, count))),
            (FastPathCopy, () => OnOwnThread(() => ConfluentBatchLoop.Run(
                cluster, topic, produced, count, Deserializers.ByteArray, Deserializers.ByteArray, RunTimeout))),
            (FastPathSpan, () => OnOwnThread(() => ConfluentBatchLoop.Run(
                cluster, topic, produced, count, ByteSumDeserializer.Instance, ByteSumDeserializer.Instance, RunTimeout))),
        };
        foreach (var (variant, ordering, concurrency, batchFetch) in new[]
        {
            ("KafkaWorkers, partition ordering, concurrency 1", KafkaOrdering.Partition, 1, false),
            ("KafkaWorkers, partition ordering, concurrency 6", KafkaOrdering.Partition, 6, false),
            ("KafkaWorkers, key ordering, concurrency 6", KafkaOrdering.Key, 6, false),
            ("KafkaWorkers, partition ordering, concurrency 6, ExperimentalBatchFetch", KafkaOrdering.Partition, 6, true),
            ("KafkaWorkers, key ordering, concurrency 6, ExperimentalBatchFetch", KafkaOrdering.Key, 6, true),
        })
        {
            variants.Add((variant, () => WorkerAsync(cluster, topic, count, o =>
            {
                o.Ordering = ordering;
                o.MaxConcurrency = concurrency;
                o.ExperimentalBatchFetch = batchFetch;
            })));
        }

        var included = variants.Where(v => settings.Includes(v.Name)).ToList();
        if (included.Any(v => v.Name is FastPathCopy or FastPathSpan))
        {
            Console.WriteLine($"[{Name}] fast path, rebalance check: {await ConfluentBatchRebalanceCheck.RunAsync(cluster, topic, partitions)}");
        }

        // Interleaved: every round runs each variant once, so that the machine's load changes under all of them alike.
        var runs = await settings.InterleaveAsync(included, c => FormattableString.Invariant(
            $"{Stats.Format(c.MessagesPerSecond)} msg/s, {c.CpuMicrosecondsPerMessage:0.00} µs CPU, {c.BytesPerMessage:0} B, {c.WorkItemsPerMessage:0.00} work items / message"));
        var results = new List<Stats>();
        foreach (var ((variant, _), costs) in included.Zip(runs))
        {
            results.Add(new(Name, variant, Rate, [.. costs.Select(c => c.MessagesPerSecond)]));
            results.AddRange(PerMessage.Select(m => new Stats(Name, variant, m.Unit, [.. costs.Select(m.Value)])));
        }

        return results;
    }

    /// <summary>
    /// The scenario's table: per variant the median rate, as a share of the native and of the raw loop, and the medians
    /// of the per-message costs.
    /// </summary>
    public static IEnumerable<string> Table(IReadOnlyList<Stats> stats)
    {
        var rates = stats.Where(s => s.Scenario == Name && s.Unit == Rate).ToList();
        if (rates.Count == 0)
        {
            yield break;
        }

        double? Median(string variant, string unit) => stats.FirstOrDefault(s => s.Scenario == Name && s.Variant == variant && s.Unit == unit)?.Median;
        string Share(double rate, string of) => Median(of, Rate) is { } limit and > 0 ? (rate / limit).ToString("P1", CultureInfo.InvariantCulture) : "n/a";

        yield return $"| variant | {Rate} (median) | of native | of raw | {string.Join(" | ", PerMessage.Select(m => m.Unit))} |";
        yield return $"| --- | ---: | ---: | ---: |{string.Concat(PerMessage.Select(_ => " ---: |"))}";
        foreach (var rate in rates)
        {
            var costs = PerMessage.Select(m => Median(rate.Variant, m.Unit) is { } v ? v.ToString(v >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture) : "n/a");
            yield return $"| {rate.Variant} | {Stats.Format(rate.Median)} | {Share(rate.Median, Native)} | {Share(rate.Median, Raw)} | {string.Join(" | ", costs)} |";
        }
    }

    /// <summary>Runs a worker from a new group until it handled <paramref name="count"/> messages, metered from its assignment.</summary>
    public static async Task<RunCost> WorkerAsync(BenchCluster cluster, string topic, int count, Action<KafkaWorkerOptions> configure, TimeSpan delay = default)
    {
        var meter = new RunMeter();
        var group = BenchCluster.NewGroup("worker");
        using var assignment = new WorkerAssignmentListener(group, meter);
        var probe = new Probe(count, delay, meter: meter);
        await using var worker = await BenchWorker.StartAsync(cluster, topic, group, probe, configure);
        await probe.Reached.WaitAsync(RunTimeout);
        return meter.Cost(count);
    }

    private static Task<RunCost> OnOwnThread(Func<RunCost> loop) =>
        Task.Factory.StartNew(loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static RunCost RawLoop(BenchCluster cluster, string topic, int count)
    {
        var meter = new RunMeter();
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig(cluster.LoopSettings(BenchCluster.NewGroup("raw"))))
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                if (partitions.Count > 0)
                {
                    meter.Start();
                }
            })
            .Build();
        consumer.Subscribe(topic);
        var consumed = 0;
        var deadline = Stopwatch.StartNew();
        while (consumed < count && deadline.Elapsed < RunTimeout)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            consumer.StoreOffset(result);
            consumed++;
        }

        meter.Stop();
        consumer.Close();
        return consumed < count
            ? throw new TimeoutException($"The raw loop consumed {consumed} of {count} messages in {RunTimeout}.")
            : meter.Cost(count);
    }
}
