using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Tests.Runtime;

public sealed class PartitionStateTests
{
    [Fact]
    public void The_commit_point_never_passes_an_unfinished_message()
    {
        var partition = new PartitionState(new TopicPartition("t", 0));
        var items = new[] { 10L, 11, 13, 14 }.Select(offset => Item(partition, offset)).ToArray();
        foreach (var item in items)
        {
            partition.Track(item);
        }

        Assert.Equal(-1, partition.Committable);
        partition.Complete(items[1]);
        partition.Complete(items[3]);
        Assert.Equal(-1, partition.Committable); // 10 is still running
        partition.Complete(items[0]);
        Assert.Equal(12, partition.Committable); // 10 and 11 done; 13 is not (the gap at 12 is a compacted offset)
        partition.Complete(items[2]);
        Assert.Equal(15, partition.Committable);
    }

    [Fact]
    public void Uncommitted_counts_what_was_taken_on_beyond_the_last_commit_or_since_the_first_message()
    {
        var partition = new PartitionState(new TopicPartition("t", 0));
        Assert.Equal(0, partition.Uncommitted(committed: -1));

        (partition.FirstTaken, partition.NextTaken) = (10, 15);
        Assert.Equal(5, partition.Uncommitted(committed: -1));
        Assert.Equal(3, partition.Uncommitted(committed: 12));
        Assert.Equal(0, partition.Uncommitted(committed: 15));
    }

    [Fact]
    public void The_commit_point_skips_to_the_consumer_position_only_when_every_message_taken_on_completed()
    {
        var partition = new PartitionState(new TopicPartition("t", 0));
        Assert.True(partition.IsCaughtUp);
        Assert.True(partition.SkipTo(4)); // nothing taken on yet: the consumer skipped markers from where it started
        Assert.Equal(4, partition.Committable);

        var items = new[] { 5L, 6 }.Select(offset => Item(partition, offset)).ToArray();
        partition.Track(items[0]);
        partition.Track(items[1]);
        partition.Complete(items[1]);
        Assert.False(partition.IsCaughtUp);
        Assert.False(partition.SkipTo(8)); // 5 is unfinished: never past it
        Assert.Equal(4, partition.Committable);

        partition.Complete(items[0]);
        Assert.Equal(7, partition.Committable);
        Assert.False(partition.SkipTo(6)); // never backwards
        Assert.True(partition.SkipTo(8));
        Assert.Equal(8, partition.Committable);
    }

    [Fact]
    public void Uncommitted_is_zero_once_the_commit_point_skipped_past_the_last_message_taken_on()
    {
        var partition = new PartitionState(new TopicPartition("t", 0)) { FirstTaken = 10, NextTaken = 15 };
        Assert.Equal(0, partition.Uncommitted(committed: 16));
    }

    private static WorkItem Item(PartitionState partition, long offset) =>
        new(new ConsumeResult<byte[]?, byte[]?> { Topic = "t", Partition = 0, Offset = offset, Message = new Message<byte[]?, byte[]?>() },
            partition, enqueuedTimestamp: 0);
}
