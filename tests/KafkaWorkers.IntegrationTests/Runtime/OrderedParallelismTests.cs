using System.Diagnostics;
using KafkaWorkers.IntegrationTests.Infrastructure;

namespace KafkaWorkers.IntegrationTests.Runtime;

[Collection(KafkaCollection.Name)]
public sealed class OrderedParallelismTests(KafkaFixture kafka, ITestOutputHelper output)
{
    private const int Messages = 2_400;

    [Fact]
    public async Task Twelve_partitions_with_concurrency_12_keep_key_order_and_run_far_faster_than_concurrency_1()
    {
        var serial = await RunAsync(concurrency: 1, KafkaOrdering.Partition);
        var parallel = await RunAsync(concurrency: 12, KafkaOrdering.Partition);
        var byKey = await RunAsync(concurrency: 12, KafkaOrdering.Key);
        output.WriteLine($"handler awaiting 1 ms, 12 partitions, {Messages} messages: concurrency 1: {serial:F0} msg/s; concurrency 12 (partition order): {parallel:F0} msg/s ({parallel / serial:F1}x); concurrency 12 (key order): {byKey:F0} msg/s ({byKey / serial:F1}x)");

        Assert.True(parallel > 3 * serial, $"concurrency 12 ({parallel:F0} msg/s) is not far above concurrency 1 ({serial:F0} msg/s)");
        Assert.True(byKey > 3 * serial, $"key ordering with concurrency 12 ({byKey:F0} msg/s) is not far above concurrency 1 ({serial:F0} msg/s)");
    }

    [Fact]
    public async Task Key_ordering_runs_keys_of_one_partition_in_parallel_but_each_key_in_order()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 400);
        var inFlight = 0;
        var maxInFlight = 0;
        var behavior = new HandlerBehavior
        {
            BeforeAsync = async (_, ct) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Delay(2, ct);
                Interlocked.Decrement(ref inFlight);
            },
        };

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output,
            o => { o.MaxConcurrency = 8; o.Ordering = KafkaOrdering.Key; });
        await Eventually.HoldsAsync(() => log.Count == 400, "400 messages were handled");

        AssertKeyOrder(log);
        Assert.InRange(maxInFlight, 2, 8);
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

    private async Task<double> RunAsync(int concurrency, KafkaOrdering ordering)
    {
        var topic = await kafka.CreateTopicAsync(partitions: 12);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, Messages, i => new() { Key = $"key-{i % 48}", Value = $"value-{i}" });
        var behavior = HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(1));

        await using var host = await WorkerHost.StartAsync($"c{concurrency}", kafka.BootstrapServers, topic, group, log, behavior, output,
            o => { o.MaxConcurrency = concurrency; o.Ordering = ordering; });
        await Eventually.HoldsAsync(() => log.Count > 0, "the first message was handled");
        var watch = Stopwatch.StartNew();
        var first = log.Count;
        await Eventually.HoldsAsync(() => log.Count == Messages, $"{Messages} messages were handled", TimeSpan.FromMinutes(3));
        var rate = (Messages - first) / watch.Elapsed.TotalSeconds;

        AssertKeyOrder(log);
        Assert.Empty(log.Duplicates());
        return rate;
    }

    private static void AssertKeyOrder(ProcessedLog log)
    {
        foreach (var key in log.Entries.GroupBy(e => (e.Partition, e.Key)))
        {
            var offsets = key.Select(e => e.Offset).ToList();
            Assert.Equal(offsets.Order(), offsets);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
