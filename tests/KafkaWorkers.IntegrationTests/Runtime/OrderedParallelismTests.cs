using KafkaWorkers.IntegrationTests.Infrastructure;

namespace KafkaWorkers.IntegrationTests.Runtime;

[Collection(KafkaCollection.Name)]
public sealed class OrderedParallelismTests(KafkaFixture kafka, ITestOutputHelper output)
{
    private const int Messages = 2_400;

    [Fact]
    public async Task Twelve_partitions_keep_key_order_at_concurrency_1_and_12_and_run_up_to_the_concurrency_in_parallel()
    {
        // Throughput belongs in the benchmarks (ConcurrencyScenario); this asserts order, outcome and parallelism.
        Assert.Equal(1, await RunAsync(concurrency: 1, KafkaOrdering.Partition));
        Assert.InRange(await RunAsync(concurrency: 12, KafkaOrdering.Partition), 2, 12);
        Assert.InRange(await RunAsync(concurrency: 12, KafkaOrdering.Key), 2, 12);
    }

    [Fact]
    public async Task Key_ordering_runs_keys_of_one_partition_in_parallel_but_each_key_in_order()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 400);
        var probe = new ParallelismProbe(holdFirst: true, TimeSpan.FromMilliseconds(2));

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, probe.Behavior, output,
            o => { o.MaxConcurrency = 8; o.Ordering = KafkaOrdering.Key; });
        await Eventually.HoldsAsync(() => log.Count == 400, "400 messages were handled");

        AssertKeyOrder(log);
        Assert.InRange(probe.MaxInFlight, 2, 8);
    }

    [Fact]
    public async Task A_full_partition_buffer_pauses_fetching_without_losing_or_stalling()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 2);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 300);

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log,
            HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(1)), output,
            o => { o.MaxConcurrency = 2; o.MaxBufferedMessagesPerPartition = 10; });
        await Eventually.HoldsAsync(() => log.Count == 300, "300 messages were handled through a 10-message buffer");

        Assert.Empty(log.Duplicates());
        AssertKeyOrder(log);
    }

    /// <summary>Handles the messages and returns how many handlers ran at once at most.</summary>
    private async Task<int> RunAsync(int concurrency, KafkaOrdering ordering)
    {
        var topic = await kafka.CreateTopicAsync(partitions: 12);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, Messages, i => new() { Key = $"key-{i % 48}", Value = $"value-{i}" });
        var probe = new ParallelismProbe(holdFirst: concurrency > 1, TimeSpan.FromMilliseconds(1));

        await using var host = await WorkerHost.StartAsync($"c{concurrency}", kafka.BootstrapServers, topic, group, log, probe.Behavior, output,
            o => { o.MaxConcurrency = concurrency; o.Ordering = ordering; });
        await Eventually.HoldsAsync(() => log.Count == Messages, $"{Messages} messages were handled", TimeSpan.FromMinutes(3));

        AssertKeyOrder(log);
        Assert.Empty(log.Duplicates());
        return probe.MaxInFlight;
    }

    private static void AssertKeyOrder(ProcessedLog log)
    {
        foreach (var key in log.Entries.GroupBy(e => (e.Partition, e.Key)))
        {
            var offsets = key.Select(e => e.Offset).ToList();
            Assert.Equal(offsets.Order(), offsets);
        }
    }

    /// <summary>
    /// Counts how many handlers run at once. With <c>holdFirst</c>, the first handler waits until a second one runs beside
    /// it, so parallelism shows without depending on timing.
    /// </summary>
    private sealed class ParallelismProbe
    {
        private int _inFlight;
        private int _maxInFlight;
        private int _started;

        public ParallelismProbe(bool holdFirst, TimeSpan work) => Behavior = new HandlerBehavior
        {
            BeforeAsync = async (_, ct) =>
            {
                var now = Interlocked.Increment(ref _inFlight);
                int max;
                while ((max = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
                {
                }

                if (holdFirst && Interlocked.Increment(ref _started) == 1)
                {
                    await Eventually.HoldsAsync(() => MaxInFlight > 1, "a second handler ran beside the first");
                }

                await Task.Delay(work, ct);
                Interlocked.Decrement(ref _inFlight);
            },
        };

        public HandlerBehavior Behavior { get; }

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);
    }
}
