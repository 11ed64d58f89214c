using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Runtime;
using KafkaWorkers.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaWorkers.Tests.Failures;

public sealed class FailurePolicyProcessorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection()
        .AddMetrics()
        .AddSingleton<KafkaWorkersMetrics>()
        .AddSingleton<HandlerScript>()
        .AddScoped<ScriptedHandler>()
        .AddScoped<UnconstructibleHandler>()
        .BuildServiceProvider();
    private readonly PartitionState _partition = new(new TopicPartition("orders", 0));
    private readonly WorkerStatus _status = new("orders", TimeProvider.System);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_poison_message_in_a_batch_is_settled_alone_and_the_rest_of_the_batch_goes_to_the_handler()
    {
        var items = Items(10, 11, 12);
        var inner = new FakeProcessor((batch, call) => call == 1
            ? new ProcessingResult(ProcessingStatus.Failed, new PoisonMessageException(batch[1].Result, MessageComponentType.Value, new FormatException("bad")))
            : ProcessingResult.Completed);
        using var processor = Create(inner, new KafkaFailureOptions { FinalAction = KafkaFailureAction.Skip });

        var result = await processor.ProcessAsync(items, CancellationToken.None);

        Assert.Equal(ProcessingStatus.Completed, result.Status);
        Assert.Equal([[10L, 11, 12], [10, 12]], inner.Calls);
    }

    [Fact]
    public async Task A_permanent_failure_skips_the_remaining_retries()
    {
        var inner = new FakeProcessor((_, _) => new ProcessingResult(ProcessingStatus.Failed, new PermanentException("never")));
        using var processor = Create(inner, new KafkaFailureOptions { MaxAttempts = 5, InitialDelay = TimeSpan.Zero, FinalAction = KafkaFailureAction.Stop });

        var result = await processor.ProcessAsync(Items(1), CancellationToken.None);

        Assert.Equal(ProcessingStatus.Failed, result.Status);
        Assert.IsType<PermanentException>(result.Error);
        Assert.Single(inner.Calls);
    }

    [Fact]
    public async Task The_predicate_marks_failures_permanent_and_others_are_retried_up_to_max_attempts()
    {
        var inner = new FakeProcessor((_, call) => new ProcessingResult(ProcessingStatus.Failed, call < 3 ? new TimeoutException() : new ArgumentException()));
        var options = new KafkaFailureOptions
        {
            MaxAttempts = 10,
            InitialDelay = TimeSpan.Zero,
            MaxDelay = TimeSpan.Zero,
            FinalAction = KafkaFailureAction.Stop,
            IsPermanent = e => e is ArgumentException,
        };
        using var processor = Create(inner, options);

        var result = await processor.ProcessAsync(Items(1), CancellationToken.None);

        Assert.IsType<ArgumentException>(result.Error);
        Assert.Equal(3, inner.Calls.Count);
    }

    [Fact]
    public async Task A_retry_waiting_for_its_backoff_gives_up_when_the_partition_closes()
    {
        var inner = new FakeProcessor((_, _) => new ProcessingResult(ProcessingStatus.Failed, new TimeoutException()));
        using var processor = Create(inner, new KafkaFailureOptions { InitialDelay = TimeSpan.FromMinutes(5), MaxDelay = TimeSpan.FromMinutes(5) });

        var processing = processor.ProcessAsync(Items(1), CancellationToken.None).AsTask();
        await inner.FirstCall.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _partition.Closed = true;
        var result = await processing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProcessingStatus.Cancelled, result.Status);
        Assert.Single(inner.Calls);
    }

    [Fact]
    public async Task A_failure_predicate_that_throws_fails_the_call_instead_of_throwing()
    {
        var predicateError = new NullReferenceException("the predicate has a bug");
        var inner = new FakeProcessor((_, _) => new ProcessingResult(ProcessingStatus.Failed, new TimeoutException()));
        using var processor = Create(inner, new KafkaFailureOptions { InitialDelay = TimeSpan.Zero, IsPermanent = _ => throw predicateError });

        var result = await processor.ProcessAsync(Items(1), CancellationToken.None);

        Assert.Equal(ProcessingStatus.Failed, result.Status);
        Assert.Same(predicateError, result.Error!.InnerException);
        Assert.Contains("IsPermanent", result.Error.Message, StringComparison.Ordinal);
        Assert.Single(inner.Calls);
    }

    [Fact]
    public async Task A_handler_whose_constructor_throws_fails_the_worker_at_once_without_retries_or_dead_letter()
    {
        var script = _services.GetRequiredService<HandlerScript>();
        using var processor = Create(Handler<UnconstructibleHandler>(), new KafkaFailureOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });

        var result = await processor.ProcessAsync(Items(1), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProcessingStatus.Failed, result.Status);
        var activation = Assert.IsType<HandlerActivationException>(result.Error);
        Assert.Contains(nameof(UnconstructibleHandler), activation.Message, StringComparison.Ordinal);
        Assert.Equal("no connection string", activation.InnerException!.GetBaseException().Message);
        Assert.Equal(1, script.Constructed);
    }

    [Fact]
    public async Task A_handler_missing_from_the_service_provider_fails_the_worker_at_once_without_retries_or_dead_letter()
    {
        using var processor = Create(Handler<PlainHandler>(), new KafkaFailureOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });

        var result = await processor.ProcessAsync(Items(1), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProcessingStatus.Failed, result.Status);
        var activation = Assert.IsType<HandlerActivationException>(result.Error);
        Assert.IsType<InvalidOperationException>(activation.InnerException);
    }

    [Fact]
    public async Task A_message_retried_twice_counts_once_as_consumed_and_three_times_as_processed()
    {
        const string worker = "consumed-once";
        var script = _services.GetRequiredService<HandlerScript>();
        script.Failures = 2;
        using var consumed = new Measurements(KafkaWorkersTelemetry.ConsumedMessages, worker);
        using var processed = new Measurements(KafkaWorkersTelemetry.ProcessDuration, worker);
        using var processor = Create(Handler<ScriptedHandler>(worker), new KafkaFailureOptions { InitialDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }, worker);

        var result = await processor.ProcessAsync(Items(1), CancellationToken.None);

        Assert.Equal(ProcessingStatus.Completed, result.Status);
        Assert.Equal(3, script.Calls);
        Assert.Equal(1, consumed.Values.Sum());
        Assert.Equal(3, processed.Values.Count);
        Assert.Equal(2, processed.Tags.Count(t => t.ContainsKey("error.type")));
    }

    [Fact]
    public async Task A_dead_letter_the_topic_refuses_for_good_fails_the_call_instead_of_being_retried_for_ever()
    {
        // The record is larger than the producer accepts: librdkafka refuses it (MsgSizeTooLarge) without a broker.
        var inner = new FakeProcessor((_, _) => new ProcessingResult(ProcessingStatus.Failed, new PermanentException("never")));
        var producer = new ProducerConfig { BootstrapServers = "127.0.0.1:1", MessageMaxBytes = 1_000 };
        using var failures = new Measurements(KafkaWorkersTelemetry.DeadLetterFailures, "too-large");
        using var processor = Create(inner, new KafkaFailureOptions(), "too-large", producer);

        var result = await processor.ProcessAsync(Items(new byte[2_000], 7), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ProcessingStatus.Failed, result.Status);
        var refused = Assert.IsType<DeadLetterRefusedException>(result.Error);
        Assert.Equal(ErrorCode.MsgSizeTooLarge, refused.Error.Code);
        Assert.Equal("orders.dlq", refused.DeadLetterTopic);
        Assert.Contains("orders.dlq: MsgSizeTooLarge", _status.DeadLetterError, StringComparison.Ordinal);
        var tags = Assert.Single(failures.Tags);
        Assert.Equal("MsgSizeTooLarge", tags["error.type"]);
        Assert.Equal(false, tags["kafkaworkers.dead_letter.retried"]);
    }

    private FailurePolicyProcessor Create(IMessageProcessor inner, KafkaFailureOptions options, string worker = "orders", ProducerConfig? producer = null)
    {
        var telemetry = Telemetry(worker);
        var deadLetters = new DeadLetterProducer(
            producer ?? new ProducerConfig { BootstrapServers = "127.0.0.1:1" }, worker, telemetry, _status, NullLogger.Instance, TimeProvider.System);
        return new FailurePolicyProcessor(inner, options, deadLetters, worker, "group", telemetry, TimeProvider.System, NullLogger.Instance);
    }

    private WorkerTelemetry Telemetry(string worker) => new(_services.GetRequiredService<KafkaWorkersMetrics>(), worker, "group");

    /// <summary>The processor a worker of <typeparamref name="THandler"/> runs, resolving the handler from <see cref="_services"/>.</summary>
    private HandlerProcessor<THandler, string, string> Handler<THandler>(string worker = "orders")
        where THandler : class, IKafkaHandler<string, string> =>
        new(_services, scopePerCall: true, new MessageConverter<string, string>(Deserializers.Utf8, Deserializers.Utf8), Telemetry(worker), TimeProvider.System);

    private ArraySegment<WorkItem> Items(params long[] offsets) => Items(value: null, offsets);

    private ArraySegment<WorkItem> Items(byte[]? value, params long[] offsets) =>
        offsets.Select(offset => new WorkItem(
            new ConsumeResult<byte[]?, byte[]?> { Topic = "orders", Partition = 0, Offset = offset, Message = new Message<byte[]?, byte[]?> { Value = value } },
            _partition, enqueuedTimestamp: 0)).ToArray();

    private sealed class FakeProcessor(Func<ArraySegment<WorkItem>, int, ProcessingResult> outcome) : IMessageProcessor
    {
        public int BatchSize => 100;

        public List<long[]> Calls { get; } = [];

        public TaskCompletionSource FirstCall { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken)
        {
            Calls.Add([.. items.Select(i => i.Offset)]);
            FirstCall.TrySetResult();
            return ValueTask.FromResult(outcome(items, Calls.Count));
        }
    }

    /// <summary>What the test handlers do: how often they fail, and counts of what happened.</summary>
    private sealed class HandlerScript
    {
        private int _calls;
        private int _constructed;

        public int Failures { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        public int Constructed => Volatile.Read(ref _constructed);

        public int Call() => Interlocked.Increment(ref _calls);

        public void Construct() => Interlocked.Increment(ref _constructed);
    }

    private sealed class ScriptedHandler(HandlerScript script) : IKafkaHandler<string, string>
    {
        public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) =>
            script.Call() <= script.Failures ? throw new TimeoutException("flaky") : ValueTask.CompletedTask;
    }

    private sealed class UnconstructibleHandler : IKafkaHandler<string, string>
    {
        public UnconstructibleHandler(HandlerScript script)
        {
            script.Construct();
            throw new InvalidOperationException("no connection string");
        }

        public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>Collects one instrument's measurements of one worker.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(double Value, Dictionary<string, object?> Tags)> _measurements = new();

        public Measurements(string instrument, string worker)
        {
            _listener.InstrumentPublished = (i, listener) =>
            {
                if (i.Meter.Name == KafkaWorkersTelemetry.MeterName && i.Name == instrument)
                {
                    listener.EnableMeasurementEvents(i);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags, worker));
            _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Record(value, tags, worker));
            _listener.Start();
        }

        public List<double> Values => [.. _measurements.Select(m => m.Value)];

        public List<Dictionary<string, object?>> Tags => [.. _measurements.Select(m => m.Tags)];

        public void Dispose() => _listener.Dispose();

        private void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, string worker)
        {
            var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            if (Equals(copy.GetValueOrDefault("kafkaworkers.worker"), worker))
            {
                _measurements.Enqueue((value, copy));
            }
        }
    }
}
