using System.Collections.Concurrent;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Hosting;
using KafkaWorkers.Runtime;
using KafkaWorkers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics.Metrics;

namespace KafkaWorkers.Tests.Runtime;

public sealed class KafkaWorkerPollFailureTests
{
    [Fact]
    public async Task When_the_poll_loop_fails_running_handlers_are_cancelled_and_the_worker_completes_only_after_they_returned()
    {
        await using var cluster = KafkaTestCluster.Start(brokerCount: 1);
        cluster.CreateTopic("orders", partitions: 1);
        using (var client = new KafkaTestClient(cluster.BootstrapServers))
        {
            await client.ProduceAsync("orders", 3);
        }

        var options = new KafkaWorkerOptions { BootstrapServers = cluster.BootstrapServers, GroupId = $"g-{Guid.NewGuid():N}", Topics = ["orders"] };
        options.Consumer["session.timeout.ms"] = "6000";
        var clock = new FailingClock();
        var processor = new BlockingProcessor();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var telemetry = new WorkerTelemetry(new KafkaWorkersMetrics(services.GetRequiredService<IMeterFactory>()), "w", options.GroupId);
        var worker = new KafkaWorker("w", options, ConsumerConfigFactory.Create("w", options, _ => null), processor, clock, NullLogger.Instance, telemetry, new WorkerStatus("w", clock));

        worker.Start();
        await processor.Entered.WaitAsync(TimeSpan.FromSeconds(60));
        // A defect makes the poll loop throw (here: its clock, once, on the poll thread).
        clock.FailOnPollThread();

        await processor.Cancelled.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(worker.Completion.IsCompleted, "the worker must not complete while a handler still runs");
        processor.Release();

        var failure = await Assert.ThrowsAsync<WorkerFailedException>(() => worker.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(KafkaWorkerExitCodes.KafkaError, failure.ExitCode);
        Assert.Equal(["cancelled", "returned"], processor.Events);
    }

    /// <summary>The system clock, except that one call on the worker's poll thread throws once armed.</summary>
    private sealed class FailingClock : TimeProvider
    {
        private int _armed;

        public void FailOnPollThread() => Volatile.Write(ref _armed, 1);

        public override long GetTimestamp()
        {
            if (Thread.CurrentThread.Name?.StartsWith("KafkaWorkers poll", StringComparison.Ordinal) == true && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                throw new InvalidOperationException("a defect in the poll loop");
            }

            return System.GetTimestamp();
        }
    }

    /// <summary>Holds the first message until its token is cancelled and then until released.</summary>
    private sealed class BlockingProcessor : IMessageProcessor
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task Entered => _entered.Task;

        public Task Cancelled => _cancelled.Task;

        public ConcurrentQueue<string> Events { get; } = new();

        public int BatchSize => 1;

        public void Release() => _release.TrySetResult();

        public async ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) > 1)
            {
                return ProcessingResult.Completed;
            }

            _entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Events.Enqueue("cancelled");
            _cancelled.TrySetResult();
            await _release.Task;
            Events.Enqueue("returned");
            return ProcessingResult.Cancelled;
        }
    }
}
