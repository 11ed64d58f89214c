using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaWorkers.Tests.Failures;

public sealed class FailurePolicyProcessorTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<KafkaWorkersMetrics>().BuildServiceProvider();
    private readonly PartitionState _partition = new(new TopicPartition("orders", 0));

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

    private FailurePolicyProcessor Create(IMessageProcessor inner, KafkaFailureOptions options)
    {
        var telemetry = new WorkerTelemetry(_services.GetRequiredService<KafkaWorkersMetrics>(), "orders", "group");
        var deadLetters = new DeadLetterProducer(new ProducerConfig { BootstrapServers = "127.0.0.1:1" }, "orders", telemetry, NullLogger.Instance, TimeProvider.System);
        return new FailurePolicyProcessor(inner, options, deadLetters, "orders", "group", telemetry, TimeProvider.System, NullLogger.Instance);
    }

    private ArraySegment<WorkItem> Items(params long[] offsets) =>
        offsets.Select(offset => new WorkItem(
            new ConsumeResult<byte[]?, byte[]?> { Topic = "orders", Partition = 0, Offset = offset, Message = new Message<byte[]?, byte[]?>() },
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
}
