using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Runtime;
using KafkaWorkers.Sharing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaWorkers.Tests.Sharing;

/// <summary>The failure policy of share workers, as acknowledgements.</summary>
public sealed class ShareAcknowledgementPolicyTests
{
    [Fact]
    public async Task A_completed_handler_accepts_its_records()
    {
        var records = await HandleAsync(Outcomes(ProcessingResult.Completed), deliveryCount: 1);

        Assert.Equal([ShareAcknowledgement.Accept], records.Select(r => r.Decision));
    }

    [Fact]
    public async Task A_handler_cancelled_at_the_shutdown_deadline_releases_its_records()
    {
        var records = await HandleAsync(Outcomes(ProcessingResult.Cancelled), deliveryCount: 1);

        Assert.Equal([ShareAcknowledgement.Release], records.Select(r => r.Decision));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_retriable_failure_before_the_last_attempt_releases_the_record(int deliveryCount)
    {
        var records = await HandleAsync(Outcomes(Failed(new TimeoutException())), deliveryCount, o => o.MaxAttempts = 3);

        Assert.Equal([ShareAcknowledgement.Release], records.Select(r => r.Decision));
    }

    [Fact]
    public async Task A_failure_at_the_last_attempt_under_skip_rejects_the_record()
    {
        var records = await HandleAsync(Outcomes(Failed(new TimeoutException())), deliveryCount: 3, o =>
        {
            o.MaxAttempts = 3;
            o.FinalAction = KafkaFailureAction.Skip;
        });

        Assert.Equal([ShareAcknowledgement.Reject], records.Select(r => r.Decision));
    }

    [Fact]
    public async Task A_permanent_failure_is_final_at_the_first_delivery()
    {
        var thrown = await HandleAsync(Outcomes(Failed(new PermanentException("bad"))), 1, o => o.FinalAction = KafkaFailureAction.Skip);
        var judged = await HandleAsync(Outcomes(Failed(new FormatException())), 1, o =>
        {
            o.FinalAction = KafkaFailureAction.Skip;
            o.IsPermanent = e => e is FormatException;
        });

        Assert.Equal([ShareAcknowledgement.Reject], thrown.Select(r => r.Decision));
        Assert.Equal([ShareAcknowledgement.Reject], judged.Select(r => r.Decision));
    }

    [Fact]
    public async Task A_failure_for_good_under_stop_releases_the_record_and_stops_the_worker_with_exit_code_70()
    {
        var policy = Policy(Outcomes(Failed(new TimeoutException())), o =>
        {
            o.MaxAttempts = 1;
            o.FinalAction = KafkaFailureAction.Stop;
        });
        var records = Records(1, 1);

        var stop = await policy.HandleAsync(records, CancellationToken.None);

        Assert.Equal(KafkaWorkerExitCodes.HandlerFailed, Assert.IsType<WorkerFailedException>(stop).ExitCode);
        Assert.Equal([ShareAcknowledgement.Release], records.Select(r => r.Decision));
    }

    [Fact]
    public async Task A_dead_letter_that_cannot_be_acknowledged_before_the_stop_releases_the_record()
    {
        using var stopped = new CancellationTokenSource();
        stopped.Cancel();
        var policy = Policy(Outcomes(Failed(new PermanentException("bad"))));
        var records = Records(1, 1);

        Assert.Null(await policy.HandleAsync(records, stopped.Token));
        Assert.Equal([ShareAcknowledgement.Release], records.Select(r => r.Decision));
    }

    [Fact]
    public async Task A_poison_record_in_a_batch_is_settled_alone_and_the_others_are_handled_again()
    {
        var records = Records(2, 1);
        var poison = new PoisonMessageException(records[1].Result, MessageComponentType.Value, new FormatException());
        var policy = Policy(Outcomes(Failed(poison), ProcessingResult.Completed), o => o.FinalAction = KafkaFailureAction.Skip);

        Assert.Null(await policy.HandleAsync(records, CancellationToken.None));

        Assert.Equal([ShareAcknowledgement.Accept, ShareAcknowledgement.Reject], records.Select(r => r.Decision));
    }

    private static ProcessingResult Failed(Exception e) => new(ProcessingStatus.Failed, e);

    private static Queue<ProcessingResult> Outcomes(params ProcessingResult[] results) => new(results);

    private static async Task<List<ShareRecord>> HandleAsync(Queue<ProcessingResult> outcomes, int deliveryCount, Action<KafkaFailureOptions>? configure = null)
    {
        var records = Records(1, deliveryCount);
        Assert.Null(await Policy(outcomes, configure).HandleAsync(records, CancellationToken.None));
        return records;
    }

    private static ShareAcknowledgementPolicy Policy(Queue<ProcessingResult> outcomes, Action<KafkaFailureOptions>? configure = null)
    {
        var options = new KafkaFailureOptions();
        configure?.Invoke(options);
        var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var telemetry = new WorkerTelemetry(new KafkaWorkersMetrics(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), "orders", "group");
        var deadLetters = new DeadLetterProducer(
            new ProducerConfig { BootstrapServers = "127.0.0.1:1" }, "orders", telemetry, new WorkerStatus("orders", TimeProvider.System), NullLogger.Instance, TimeProvider.System);
        return new ShareAcknowledgementPolicy(new ScriptedProcessor(outcomes), options, deadLetters, "orders", "group", telemetry, NullLogger.Instance);
    }

    private static List<ShareRecord> Records(int count, int deliveryCount)
    {
        var partition = new PartitionState(new TopicPartition("orders", 0));
        return Enumerable.Range(0, count).Select(i =>
        {
            var result = new ShareConsumeResult
            {
                Topic = "orders",
                Partition = 0,
                Offset = i,
                Message = new Message<byte[]?, byte[]?> { Value = [1], Headers = [] },
                DeliveryCount = deliveryCount,
            };
            return new ShareRecord(result, i, ErrorCode.NoError) { Item = new WorkItem(result, partition, 0) };
        }).ToList();
    }

    private sealed class ScriptedProcessor(Queue<ProcessingResult> outcomes) : IMessageProcessor
    {
        public int BatchSize => 100;

        public ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken) => new(outcomes.Dequeue());
    }
}
