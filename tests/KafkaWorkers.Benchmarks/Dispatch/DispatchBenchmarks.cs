using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Hosting;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaWorkers.Benchmarks.Dispatch;

/// <summary>
/// Scenario 6: the dispatch path without a broker. Each operation is one message through
/// <see cref="WorkScheduler.Enqueue"/>, a lane, a handler task and completion (the commit point advancing), with either
/// a bare processor (the scheduler alone) or the processor a worker runs (<see cref="ProcessorFactory"/>: the failure
/// policy and telemetry around <see cref="HandlerProcessor{THandler,TKey,TValue}"/>, conversion to
/// <see cref="KafkaMessage{TKey,TValue}"/>, a no-op handler) for a handler the application registered as scoped (a DI
/// scope per message) or as a singleton (no scope).
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private const int Messages = 1_000;
    private const int Partitions = 6;
    private const string SchedulerOnly = "scheduler only";
    private const string ScopedHandler = "scoped handler";
    private ConsumeResult<byte[]?, byte[]?>[] _results = [];
    private ServiceProvider? _services;
    private FailurePolicyProcessor? _workerProcessor;
    private WorkScheduler? _scheduler;
    private Task? _running;

    [Params(SchedulerOnly, ScopedHandler, "singleton handler")]
    public string Processor { get; set; } = "";

    [Params(KafkaOrdering.Partition, KafkaOrdering.Key)]
    public KafkaOrdering Ordering { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        IServiceCollection collection = new ServiceCollection();
        collection.Add(ServiceDescriptor.Describe(typeof(NoopHandler), typeof(NoopHandler), Processor == ScopedHandler ? ServiceLifetime.Scoped : ServiceLifetime.Singleton));
        collection.AddKafkaWorker<NoopHandler>("bench");
        _services = collection.BuildServiceProvider();
        var options = new KafkaWorkerOptions { GroupId = "bench", Failure = { FinalAction = KafkaFailureAction.Skip } };
        var telemetry = new WorkerTelemetry(_services.GetRequiredService<KafkaWorkersMetrics>(), "bench", "bench");
        _workerProcessor = Processor == SchedulerOnly ? null : ProcessorFactory.Create(
            _services.GetRequiredService<KafkaWorkerRegistration>(), options, new ConsumerConfig { GroupId = "bench", ClientId = "bench" },
            _services, telemetry, new WorkerStatus("bench", TimeProvider.System), NullLogger.Instance);
        _scheduler = new WorkScheduler(
            Ordering, Partitions, _workerProcessor ?? (IMessageProcessor)new BareProcessor(), TimeProvider.System, TimeSpan.Zero, (_, e) => throw e);
        var value = new byte[100];
        var keys = Enumerable.Range(0, 64).Select(k => BitConverter.GetBytes(k)).ToArray();
        _results = [.. Enumerable.Range(0, Messages).Select(i => new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset("bench", i % Partitions, i / Partitions),
            Message = new Message<byte[]?, byte[]?> { Key = keys[i % keys.Length], Value = value, Headers = [] },
        })];
        for (var p = 0; p < Partitions; p++)
        {
            _scheduler.Assign(new TopicPartition("bench", p));
        }

        _running = _scheduler.Start();
    }

    /// <summary>Dispatches 1 000 messages and waits until all completed; reported per message.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public void Dispatch()
    {
        var scheduler = _scheduler!;
        var target = scheduler.CompletedCount + Messages;
        foreach (var result in _results)
        {
            scheduler.Enqueue(result, out _);
        }

        var spin = default(SpinWait);
        while (scheduler.CompletedCount < target)
        {
            spin.SpinOnce();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scheduler?.Complete();
        _running?.GetAwaiter().GetResult();
        _workerProcessor?.Dispose();
        _services?.Dispose();
    }

    /// <summary>Completes every message at once: measures the scheduler alone.</summary>
    private sealed class BareProcessor : IMessageProcessor
    {
        public int BatchSize => 1;

        public ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ProcessingResult.Completed);
    }
}

/// <summary>
/// A handler that does nothing, and that the JIT may not inline: inlined, the no-op would let .NET 10's escape analysis
/// put the <see cref="KafkaMessage{TKey,TValue}"/> on the stack in some runs and not others (depending on when the
/// handler task's code reached tier 1), which no handler that does work gets.
/// </summary>
public sealed class NoopHandler : IKafkaHandler<byte[]?, byte[]?>
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public ValueTask HandleAsync(KafkaMessage<byte[]?, byte[]?> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
