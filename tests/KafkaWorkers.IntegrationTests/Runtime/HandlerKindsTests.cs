using System.Collections.Concurrent;
using KafkaWorkers.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.IntegrationTests.Runtime;

[Collection(KafkaCollection.Name)]
public sealed class HandlerKindsTests(KafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task A_batch_handler_gets_ordered_batches_of_one_partition_up_to_the_batch_size()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 2);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        var batches = new BatchLog();
        await kafka.Client.ProduceAsync(topic, 500);

        await using var host = await WorkerHost.StartAsync<BatchRecordingHandler>("a", kafka.BootstrapServers, topic, group, log, new HandlerBehavior(), output,
            o => { o.BatchSize = 40; o.BatchTimeout = TimeSpan.FromMilliseconds(100); o.MaxConcurrency = 2; },
            services => services.AddSingleton(batches));
        await Eventually.HoldsAsync(() => log.Count == 500, "500 messages were handled in batches");
        await host.StopAsync();

        Assert.All(batches.Sizes, b => Assert.InRange(b.Size, 1, 40));
        Assert.True(batches.Sizes.Count(b => b.Size == 40) >= 5, "most batches are full when messages are waiting");
        foreach (var partition in log.Entries.GroupBy(e => e.Partition))
        {
            var offsets = partition.Select(e => e.Offset).ToList();
            Assert.Equal(offsets.Order(), offsets);
        }

        Assert.Equal(await kafka.Client.GetHighWatermarksAsync(topic), await kafka.Client.GetCommittedOffsetsAsync(group, topic));
    }

    [Fact]
    public async Task A_scoped_handler_gets_a_new_scope_per_message_whose_scoped_services_are_disposed_after_it()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 2);
        var log = new ProcessedLog();
        var calls = new ScopeLog();
        await kafka.Client.ProduceAsync(topic, 100);

        await using var host = await WorkerHost.StartAsync<ScopedServiceHandler>("a", kafka.BootstrapServers, topic, KafkaFixture.NewGroupId(), log, new HandlerBehavior(), output,
            o => o.MaxConcurrency = 2,
            services => services.AddSingleton(calls).AddScoped<MessageScope>());
        await Eventually.HoldsAsync(() => log.DistinctCount() == 100, "100 messages were handled");
        await Eventually.HoldsAsync(() => calls.Entries.All(c => c.Scope.Disposed), "the scope of every handled message was disposed");

        Assert.Equal(calls.Entries.Count, calls.Entries.Select(c => c.Handler).Distinct().Count());
        Assert.Equal(calls.Entries.Count, calls.Entries.Select(c => c.Scope).Distinct().Count());
        Assert.DoesNotContain(calls.Entries, c => c.DisposedWhileHandled);
    }

    [Fact]
    public async Task A_handler_the_application_registers_as_a_singleton_handles_every_message_with_its_one_instance()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 2);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        var calls = new ScopeLog();
        await kafka.Client.ProduceAsync(topic, 100);

        await using var host = await WorkerHost.StartAsync<SingletonHandler>("a", kafka.BootstrapServers, topic, group, log, new HandlerBehavior(), output,
            o => o.MaxConcurrency = 2,
            services => services.AddSingleton(calls).AddSingleton<SingletonHandler>());
        await Eventually.HoldsAsync(() => log.DistinctCount() == 100, "100 messages were handled");
        await host.StopAsync();

        Assert.Same(host.Host.Services.GetRequiredService<SingletonHandler>(), Assert.Single(calls.Entries.Select(c => c.Handler).Distinct()));
        Assert.Equal(await kafka.Client.GetHighWatermarksAsync(topic), await kafka.Client.GetCommittedOffsetsAsync(group, topic));
    }

    [Fact]
    public async Task Two_workers_run_side_by_side_in_one_host_and_publish_processing_metrics()
    {
        var orders = await kafka.CreateTopicAsync(partitions: 2, prefix: "orders");
        var payments = await kafka.CreateTopicAsync(partitions: 2, prefix: "payments");
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(orders, 50);
        await kafka.Client.ProduceAsync(payments, 70);
        using var consumed = new MetricRecorder(KafkaWorkersTelemetry.ConsumedMessages);

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, orders, KafkaFixture.NewGroupId(), log, new HandlerBehavior(), output,
            services: services => services.AddKafkaWorker<RecordingHandler>("payments", o =>
            {
                o.BootstrapServers = kafka.BootstrapServers;
                o.GroupId = KafkaFixture.NewGroupId();
                o.Topics = [payments];
            }));
        await Eventually.HoldsAsync(() => log.Count == 120, "both workers handled their topics");

        Assert.Equal(50, log.Entries.Count(e => e.Topic == orders));
        Assert.Equal(70, log.Entries.Count(e => e.Topic == payments));
        Assert.Equal(50, consumed.Sum("messaging.destination.name", orders));
        Assert.Equal(70, consumed.Sum("messaging.destination.name", payments));
        Assert.All(consumed.Measurements, m => Assert.Equal("kafka", m.Tags["messaging.system"]));
    }

    [Kip848Fact]
    public async Task The_kip_848_consumer_protocol_shares_partitions_without_loss_or_duplicates()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 4);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        // Enough work that the second member joins long before the first could finish alone (KIP-848 assignments
        // arrive with heartbeats, every few seconds).
        const int total = 6_000;
        await kafka.Client.ProduceAsync(topic, total);
        void Configure(KafkaWorkerOptions o)
        {
            o.GroupProtocol = KafkaGroupProtocol.Consumer;
            o.Consumer.Remove("session.timeout.ms");
            o.Consumer.Remove("heartbeat.interval.ms");
            o.MaxConcurrency = 4;
        }

        var behavior = HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(5));
        await using var first = await WorkerHost.StartAsync("first", kafka.BootstrapServers, topic, group, log, behavior, output, Configure);
        await Eventually.HoldsAsync(() => log.Count >= 200, "the first consumer is under way");
        await using var second = await WorkerHost.StartAsync("second", kafka.BootstrapServers, topic, group, log, behavior, output, Configure);
        await Eventually.HoldsAsync(() => log.DistinctCount() == total, "all messages were handled", TimeSpan.FromMinutes(2));

        Assert.Contains(log.Entries, e => e.Host == "second");
        Assert.Empty(log.Duplicates());
    }

    /// <summary>A scoped service: one per message scope, disposed with it.</summary>
    public sealed class MessageScope : IDisposable
    {
        private volatile bool _disposed;

        public bool Disposed => _disposed;

        public void Dispose() => _disposed = true;
    }

    /// <summary>Each handler call: the handler instance, its scoped service, and whether that was disposed during the call.</summary>
    public sealed class ScopeLog
    {
        private readonly ConcurrentQueue<(object Handler, MessageScope Scope, bool DisposedWhileHandled)> _entries = new();

        public IReadOnlyList<(object Handler, MessageScope Scope, bool DisposedWhileHandled)> Entries => [.. _entries];

        public void Add(object handler, MessageScope scope) => _entries.Enqueue((handler, scope, scope.Disposed));
    }

    public sealed class ScopedServiceHandler(MessageScope scope, ScopeLog calls, ProcessedLog log, HostIdentity host) : IKafkaHandler<string, string>
    {
        public async ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            calls.Add(this, scope);
            log.Add(host.Name, message);
        }
    }

    public sealed class SingletonHandler(ScopeLog calls, ProcessedLog log, HostIdentity host) : IKafkaHandler<string, string>
    {
        private readonly MessageScope _none = new();

        public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
        {
            calls.Add(this, _none);
            log.Add(host.Name, message);
            return ValueTask.CompletedTask;
        }
    }
}
