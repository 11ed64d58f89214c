using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Tests.Runtime;

public sealed class WorkSchedulerBackPressureTests
{
    [Fact]
    public async Task Waiting_for_a_full_buffer_returns_once_handlers_drained_it_to_the_level()
    {
        var gate = new GatedProcessor();
        var scheduler = new WorkScheduler(KafkaOrdering.Partition, 1, gate, TimeProvider.System, TimeSpan.Zero, (_, e) => throw e);
        var running = scheduler.Start();
        var topicPartition = new TopicPartition("t", 0);
        var partition = scheduler.Assign(topicPartition);
        for (var offset = 0; offset < 5; offset++)
        {
            scheduler.Enqueue(Message(topicPartition, offset), out _);
        }

        // The first message is held by the handler; four stay buffered while the handler is blocked.
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(scheduler.WaitForDrain(partition, level: 2, TimeSpan.FromMilliseconds(50), CancellationToken.None));
        Assert.Equal(4, partition.Buffered);

        gate.Open();
        Assert.True(scheduler.WaitForDrain(partition, level: 2, TimeSpan.FromSeconds(30), CancellationToken.None));
        Assert.True(partition.Buffered <= 2);

        // The rest completes too (Complete only lets idle handler tasks end, so wait for the work first).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (scheduler.CompletedCount < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(5, scheduler.CompletedCount);
        scheduler.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Enqueue_reports_the_partition_progress_it_left_behind()
    {
        var scheduler = new WorkScheduler(KafkaOrdering.Partition, 1, new GatedProcessor(), TimeProvider.System, TimeSpan.Zero, (_, e) => throw e);
        var topicPartition = new TopicPartition("t", 0);
        var partition = scheduler.Assign(topicPartition);

        // No handler task runs, so every message stays buffered and the progress counts each one.
        for (var offset = 0; offset < 3; offset++)
        {
            Assert.Same(partition, scheduler.Enqueue(Message(topicPartition, offset), out var progress));
            Assert.Equal(new PartitionProgress(topicPartition, offset + 1, 0, -1, -1), progress);
        }

        Assert.Null(scheduler.Enqueue(Message(new TopicPartition("t", 1), 0), out var dropped));
        Assert.Equal(default, dropped);
    }

    [Fact]
    public void Waiting_ends_when_the_poll_loop_is_stopped()
    {
        var scheduler = new WorkScheduler(KafkaOrdering.Partition, 1, new GatedProcessor(), TimeProvider.System, TimeSpan.Zero, (_, e) => throw e);
        var topicPartition = new TopicPartition("t", 0);
        var partition = scheduler.Assign(topicPartition);
        scheduler.Enqueue(Message(topicPartition, 0), out _);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.False(scheduler.WaitForDrain(partition, level: 0, TimeSpan.FromMinutes(5), stop.Token));
    }

    private static ConsumeResult<byte[]?, byte[]?> Message(TopicPartition topicPartition, long offset) =>
        new() { TopicPartitionOffset = new(topicPartition, offset), Message = new Message<byte[]?, byte[]?>() };

    private sealed class GatedProcessor : IMessageProcessor
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public int BatchSize => 1;

        public void Open() => _open.TrySetResult();

        public async ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken)
        {
            _entered.TrySetResult();
            await _open.Task;
            return ProcessingResult.Completed;
        }
    }
}
