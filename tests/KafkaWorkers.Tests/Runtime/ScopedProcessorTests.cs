using System.Collections.Concurrent;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Hosting;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Tests.Runtime;

/// <summary>
/// The DI contract of handler calls, with the processors a worker creates for each registration: a scoped or transient
/// handler runs in a new scope per message (per batch for batch handlers), with its scoped services resolved in it and
/// disposed after it; a singleton handler is the same instance for every message.
/// </summary>
public sealed class ScopedProcessorTests
{
    private readonly PartitionState _partition = new(new TopicPartition("orders", 0));
    private readonly Calls _calls = new();

    [Fact]
    public async Task A_scoped_handler_gets_a_new_scope_per_message_and_its_scoped_dependency_is_disposed_after_the_message()
    {
        using var services = Build(_ => { });
        var processor = MessageProcessor<ScopedServiceHandler>(services);

        foreach (var offset in new long[] { 0, 1, 2 })
        {
            Assert.Equal(ProcessingStatus.Completed, (await processor.ProcessAsync(Items(offset), CancellationToken.None)).Status);
            var call = _calls.Last;
            Assert.False(call.DisposedDuringCall, "the scoped dependency is alive while the handler runs");
            Assert.True(call.Dependency.Disposed, "the scoped dependency is disposed once the message is done");
            Assert.Same(call.Dependency, call.ResolvedAgain);
        }

        Assert.Equal(3, _calls.All.Select(c => c.Handler).Distinct().Count());
        Assert.Equal(3, _calls.All.Select(c => c.Dependency).Distinct().Count());
    }

    [Fact]
    public async Task A_transient_handler_is_created_per_message_in_its_scope_and_disposed_with_it()
    {
        using var services = Build(s => s.AddTransient<ScopedServiceHandler>());
        var processor = MessageProcessor<ScopedServiceHandler>(services);

        await processor.ProcessAsync(Items(0), CancellationToken.None);
        await processor.ProcessAsync(Items(1), CancellationToken.None);

        Assert.Equal(2, _calls.All.Select(c => c.Handler).Distinct().Count());
        Assert.All(_calls.All, c => Assert.True(((ScopedServiceHandler)c.Handler).Disposed, "the transient handler is disposed with its scope"));
        Assert.All(_calls.All, c => Assert.True(c.Dependency.Disposed));
        Assert.NotSame(_calls.All[0].Dependency, _calls.All[1].Dependency);
    }

    [Fact]
    public async Task A_batch_handler_gets_one_scope_per_batch()
    {
        using var services = Build(_ => { });
        var processor = new BatchHandlerProcessor<ScopedServiceBatchHandler, string, string>(
            services, NeedsScope<ScopedServiceBatchHandler>(services), Converter(), Telemetry(services), TimeProvider.System, batchSize: 10);

        await processor.ProcessAsync(Items(0, 1, 2), CancellationToken.None);
        await processor.ProcessAsync(Items(3, 4), CancellationToken.None);

        Assert.Equal(2, _calls.All.Count);
        Assert.NotSame(_calls.All[0].Dependency, _calls.All[1].Dependency);
        Assert.All(_calls.All, c => Assert.True(c.Dependency.Disposed && !c.DisposedDuringCall));
    }

    [Fact]
    public async Task A_singleton_handler_is_the_applications_one_instance_for_every_message()
    {
        using var services = Build(s => s.AddSingleton<SingletonHandler>());
        var processor = MessageProcessor<SingletonHandler>(services);

        await processor.ProcessAsync(Items(0), CancellationToken.None);
        await processor.ProcessAsync(Items(1), CancellationToken.None);

        var handler = services.GetRequiredService<SingletonHandler>();
        Assert.Equal(2, _calls.All.Count);
        Assert.All(_calls.All, c => Assert.Same(handler, c.Handler));
        Assert.False(handler.Disposed, "a singleton lives as long as the application");
    }

    [Fact]
    public async Task A_singleton_handler_that_cannot_be_created_fails_the_call_as_an_activation_failure()
    {
        using var services = Build(s => s.AddSingleton<UnconstructibleSingletonHandler>(_ => throw new InvalidOperationException("no connection string")));
        var processor = MessageProcessor<UnconstructibleSingletonHandler>(services);

        var result = await processor.ProcessAsync(Items(0), CancellationToken.None);

        Assert.Equal(ProcessingStatus.Failed, result.Status);
        Assert.IsType<HandlerActivationException>(result.Error);
    }

    /// <summary>The application's services as a worker of the handlers sees them: <paramref name="register"/> may register them first.</summary>
    private ServiceProvider Build(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection().AddSingleton(_calls).AddScoped<ScopedDependency>();
        register(services);
        services.AddKafkaWorker<ScopedServiceHandler>("scoped");
        services.AddKafkaWorker<ScopedServiceBatchHandler>("batch");
        services.AddKafkaWorker<SingletonHandler>("singleton");
        services.AddKafkaWorker<UnconstructibleSingletonHandler>("unconstructible");
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = false });
    }

    private static HandlerProcessor<THandler, string, string> MessageProcessor<THandler>(ServiceProvider services)
        where THandler : class, IKafkaHandler<string, string> =>
        new(services, NeedsScope<THandler>(services), Converter(), Telemetry(services), TimeProvider.System);

    private static bool NeedsScope<THandler>(ServiceProvider services) => services.GetRequiredService<HandlerLifetimes>().NeedsScope(typeof(THandler));

    private static MessageConverter<string, string> Converter() => new(Deserializers.Utf8, Deserializers.Utf8);

    private static WorkerTelemetry Telemetry(ServiceProvider services) => new(services.GetRequiredService<KafkaWorkersMetrics>(), "orders", "group");

    private ArraySegment<WorkItem> Items(params long[] offsets) =>
        offsets.Select(offset => new WorkItem(
            new ConsumeResult<byte[]?, byte[]?> { Topic = "orders", Partition = 0, Offset = offset, Message = new Message<byte[]?, byte[]?> { Value = [] } },
            _partition, enqueuedTimestamp: 0)).ToArray();

    /// <summary>What each handler call saw.</summary>
    public sealed class Calls
    {
        private readonly ConcurrentQueue<Call> _calls = new();

        public IReadOnlyList<Call> All => [.. _calls];

        public Call Last => _calls.Last();

        public void Add(Call call) => _calls.Enqueue(call);
    }

    /// <param name="Handler">The handler instance.</param>
    /// <param name="Dependency">The scoped dependency it was given.</param>
    /// <param name="ResolvedAgain">The scoped dependency resolved again from the provider it was given.</param>
    /// <param name="DisposedDuringCall">Whether the dependency was disposed while the handler ran.</param>
    public sealed record Call(object Handler, ScopedDependency Dependency, ScopedDependency ResolvedAgain, bool DisposedDuringCall);

    public sealed class ScopedDependency : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    public sealed class ScopedServiceHandler(ScopedDependency dependency, IServiceProvider services, Calls calls) : IKafkaHandler<string, string>, IDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
        {
            calls.Add(new Call(this, dependency, services.GetRequiredService<ScopedDependency>(), dependency.Disposed));
            return ValueTask.CompletedTask;
        }

        public void Dispose() => Disposed = true;
    }

    public sealed class ScopedServiceBatchHandler(ScopedDependency dependency, IServiceProvider services, Calls calls) : IKafkaBatchHandler<string, string>
    {
        public ValueTask HandleAsync(IReadOnlyList<KafkaMessage<string, string>> messages, CancellationToken cancellationToken)
        {
            calls.Add(new Call(this, dependency, services.GetRequiredService<ScopedDependency>(), dependency.Disposed));
            return ValueTask.CompletedTask;
        }
    }

    public sealed class SingletonHandler(Calls calls) : IKafkaHandler<string, string>, IDisposable
    {
        private static readonly ScopedDependency None = new();

        public bool Disposed { get; private set; }

        public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
        {
            calls.Add(new Call(this, None, None, DisposedDuringCall: false));
            return ValueTask.CompletedTask;
        }

        public void Dispose() => Disposed = true;
    }

    public sealed class UnconstructibleSingletonHandler : IKafkaHandler<string, string>
    {
        public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
