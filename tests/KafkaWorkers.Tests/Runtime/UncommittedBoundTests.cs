using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Tests.Runtime;

public sealed class UncommittedBoundTests
{
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(5);
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void While_commits_keep_up_a_partition_beyond_the_bound_is_not_held()
    {
        var bound = new UncommittedBound(10, CommitInterval, _time);
        var partition = Taken(0, 100);
        partition.RecordStored(60, _time.GetTimestamp());

        _time.Advance(CommitInterval);
        Assert.False(bound.Holds(partition, committed: -1));

        // The background commit acknowledges 60 while 80 was stored after it was sent: 80 waits from now.
        partition.RecordStored(80, _time.GetTimestamp());
        partition.RecordCommitted(60, _time.GetTimestamp());
        bound.Record(succeeded: true);
        _time.Advance(bound.LateAfter);
        Assert.False(bound.Holds(partition, committed: 60));
    }

    [Fact]
    public void Once_a_commit_failed_a_partition_at_the_bound_is_held_until_a_commit_succeeds()
    {
        var bound = new UncommittedBound(10, CommitInterval, _time);
        var partition = Taken(0, 10);
        bound.Record(succeeded: false);

        Assert.True(bound.Holds(partition, committed: -1));
        Assert.False(bound.Holds(Taken(0, 9), committed: -1));

        bound.Record(succeeded: true);
        Assert.False(bound.Holds(partition, committed: -1));
    }

    [Fact]
    public void A_stored_offset_that_waits_longer_than_twice_the_commit_interval_holds_a_partition_at_the_bound()
    {
        // librdkafka defers a commit while the coordinator is unreachable and reports nothing: only the wait shows it.
        var bound = new UncommittedBound(10, CommitInterval, _time);
        var partition = Taken(0, 100);
        partition.RecordStored(40, _time.GetTimestamp());
        Assert.Equal(2 * CommitInterval, bound.LateAfter);

        _time.Advance(bound.LateAfter);
        Assert.False(bound.Holds(partition, committed: -1));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.True(bound.Holds(partition, committed: -1));

        // Storing more while waiting does not restart the wait; the acknowledgement of everything stored ends it.
        partition.RecordStored(45, _time.GetTimestamp());
        Assert.True(bound.Holds(partition, committed: -1));
        partition.RecordCommitted(45, _time.GetTimestamp());
        Assert.Equal(-1, partition.CommitDueSince);
        Assert.False(bound.Holds(partition, committed: 45));
    }

    [Fact]
    public void A_short_commit_interval_counts_a_commit_late_only_after_a_second()
    {
        var bound = new UncommittedBound(10, TimeSpan.FromMilliseconds(100), _time);
        Assert.Equal(UncommittedBound.MinimumLateAfter, bound.LateAfter);
    }

    private static PartitionState Taken(long first, long next) =>
        new(new TopicPartition("t", 0)) { FirstTaken = first, NextTaken = next };
}
