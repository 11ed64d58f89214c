using Confluent.Kafka;
using KafkaWorkers.Completion;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Tests.Completion;

public sealed class RunCompletionTests
{
    private static readonly TopicPartition P0 = new("t", 0);
    private static readonly TopicPartition P1 = new("t", 1);

    private readonly ManualTimeProvider _time = new();
    private readonly FakeOffsets _offsets = new();

    [Fact]
    public void Assignment_makes_no_network_call_and_the_targets_are_read_afterwards_on_the_poll_loop()
    {
        var run = UntilDrained();
        _offsets.Set(P0, committed: 3, low: 0, high: 10);
        _offsets.Set(P1, committed: -1, low: 2, high: 4);

        run.OnAssigned([P0, P1]);
        Assert.Equal(0, _offsets.Calls);
        Assert.True(run.AwaitsTarget(P0));

        var (read, error) = run.ReadTargets(_offsets);
        Assert.Null(error);
        Assert.Equal([P0, P1], read);
        Assert.False(run.AwaitsTarget(P0));
        Assert.Equal(RunAdmission.Take, run.Admit(Message(P0, 9)));
        Assert.Equal(RunAdmission.Park, run.Admit(Message(P0, 10)));
    }

    [Fact]
    public void Messages_of_a_partition_whose_target_is_not_read_yet_are_held()
    {
        var run = UntilDrained();
        run.OnAssigned([P0]);

        Assert.Equal(RunAdmission.Hold, run.Admit(Message(P0, 0)));
        Assert.Equal(0, run.Admitted);
    }

    [Fact]
    public void A_failed_read_does_not_throw_and_is_retried_after_the_retry_interval()
    {
        var run = UntilDrained();
        _offsets.Set(P0, committed: 0, low: 0, high: 5);
        _offsets.Failures = 1;
        run.OnAssigned([P0]);

        var (read, error) = run.ReadTargets(_offsets);
        Assert.Empty(read);
        Assert.Equal(ErrorCode.Local_TimedOut, error!.Error.Code);

        // Not before the retry interval: the poll loop calls this on every poll.
        var calls = _offsets.Calls;
        Assert.Empty(run.ReadTargets(_offsets).Read);
        Assert.Equal(calls, _offsets.Calls);

        _time.Advance(RunCompletion.TargetRetryInterval);
        (read, error) = run.ReadTargets(_offsets);
        Assert.Null(error);
        Assert.Equal([P0], read);
    }

    [Fact]
    public void A_read_that_fails_half_way_keeps_the_targets_it_read()
    {
        var run = UntilDrained();
        _offsets.Set(P0, committed: 0, low: 0, high: 5);
        _offsets.Set(P1, committed: 0, low: 0, high: 5);
        _offsets.FailWatermarksOf = P1;
        run.OnAssigned([P0, P1]);

        var (read, error) = run.ReadTargets(_offsets);

        Assert.NotNull(error);
        Assert.Equal([P0], read);
        Assert.True(run.AwaitsTarget(P1));
    }

    [Fact]
    public void A_drained_run_ends_only_once_its_work_is_committed_or_after_the_commit_wait()
    {
        var run = UntilDrained();
        _offsets.Set(P0, committed: 0, low: 0, high: 5);
        run.OnAssigned([P0]);
        run.ReadTargets(_offsets);

        Assert.Null(run.Check(_offsets, [Progress(P0, committable: 4, committed: 0)]));
        Assert.False(run.AwaitingCommit);

        Assert.Null(run.Check(_offsets, [Progress(P0, committable: 5, committed: 0)]));
        Assert.True(run.AwaitingCommit);
        Assert.Equal(RunEnding.Drained, run.Check(_offsets, [Progress(P0, committable: 5, committed: 5)]));

        // Never committed: it ends anyway once the commit wait has passed.
        var other = UntilDrained();
        other.OnAssigned([P0]);
        other.ReadTargets(_offsets);
        Assert.Null(other.Check(_offsets, [Progress(P0, committable: 5, committed: 0)]));
        _time.Advance(RunCompletion.CommitWait);
        Assert.Equal(RunEnding.Drained, other.Check(_offsets, [Progress(P0, committable: 5, committed: 0)]));
    }

    [Fact]
    public void A_partition_without_a_target_is_never_drained()
    {
        var run = UntilDrained();
        run.OnAssigned([P0]);

        Assert.Null(run.Check(_offsets, [Progress(P0, committable: 100, committed: 100)]));
    }

    [Fact]
    public void An_empty_partition_is_drained_at_once()
    {
        var run = UntilDrained();
        _offsets.Set(P0, committed: 7, low: 0, high: 7);
        run.OnAssigned([P0]);
        run.ReadTargets(_offsets);

        Assert.Equal(RunEnding.Drained, run.Check(_offsets, [Progress(P0, committable: -1, committed: -1)]));
    }

    [Fact]
    public void A_revoked_partition_forgets_its_target_and_a_new_assignment_reads_a_new_one()
    {
        var run = UntilDrained();
        _offsets.Set(P0, committed: 0, low: 0, high: 5);
        run.OnAssigned([P0]);
        run.ReadTargets(_offsets);

        run.OnRevoked([P0]);
        _offsets.Set(P0, committed: 5, low: 0, high: 8);
        run.OnAssigned([P0]);
        Assert.Equal(RunAdmission.Hold, run.Admit(Message(P0, 5)));
        run.ReadTargets(_offsets);

        Assert.Equal(RunAdmission.Take, run.Admit(Message(P0, 7)));
        Assert.Equal(RunAdmission.Park, run.Admit(Message(P0, 8)));
    }

    [Fact]
    public void The_message_budget_parks_everything_beyond_it_and_ends_the_run_when_idle()
    {
        var run = new RunCompletion(new KafkaCompletionOptions { MaxMessages = 2 }, _time, resetToEarliest: true);
        run.OnAssigned([P0]);

        Assert.Equal(RunAdmission.Take, run.Admit(Message(P0, 0)));
        Assert.Equal(RunAdmission.Take, run.Admit(Message(P0, 1)));
        Assert.Equal(RunAdmission.Park, run.Admit(Message(P0, 2)));
        Assert.Null(run.Check(_offsets, [Progress(P0, committable: 1, committed: -1, inFlight: 1)]));
        Assert.Equal(RunEnding.MaxMessagesHandled, run.Check(_offsets, [Progress(P0, committable: 2, committed: 2)]));
        Assert.Equal(0, _offsets.Calls);
    }

    [Fact]
    public void Idle_start_and_maximum_duration_timeouts_end_the_run()
    {
        var idle = new RunCompletion(new KafkaCompletionOptions { IdleTimeout = TimeSpan.FromSeconds(5) }, _time, resetToEarliest: true);
        var noPartitions = new RunCompletion(new KafkaCompletionOptions { UntilDrained = true }, _time, resetToEarliest: true);
        var timedOut = new RunCompletion(new KafkaCompletionOptions { UntilDrained = true, MaxDuration = TimeSpan.FromSeconds(60) }, _time, resetToEarliest: true);
        idle.OnAssigned([P0]);
        timedOut.OnAssigned([P0]);

        _time.Advance(TimeSpan.FromSeconds(4));
        idle.Admit(Message(P0, 0));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Null(idle.Check(_offsets, [Progress(P0, committable: 1, committed: 1)]));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RunEnding.Idle, idle.Check(_offsets, [Progress(P0, committable: 1, committed: 1)]));

        _time.Advance(TimeSpan.FromSeconds(21));
        Assert.Equal(RunEnding.NoPartitions, noPartitions.Check(_offsets, []));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(RunEnding.TimedOut, timedOut.Check(_offsets, [Progress(P0, committable: -1, committed: -1)]));
    }

    private RunCompletion UntilDrained() => new(new KafkaCompletionOptions { UntilDrained = true }, _time, resetToEarliest: true);

    private static ConsumeResult<byte[]?, byte[]?> Message(TopicPartition partition, long offset) =>
        new() { TopicPartitionOffset = new(partition, offset), Message = new Message<byte[]?, byte[]?>() };

    private static PartitionProgress Progress(TopicPartition partition, long committable, long committed, int inFlight = 0) =>
        new(partition, Buffered: 0, InFlight: inFlight, committable, committed);

    private sealed class FakeOffsets : IRunOffsets
    {
        private readonly Dictionary<TopicPartition, (long Committed, long Low, long High)> _partitions = [];

        public int Calls { get; private set; }

        public int Failures { get; set; }

        public TopicPartition? FailWatermarksOf { get; set; }

        public void Set(TopicPartition partition, long committed, long low, long high) => _partitions[partition] = (committed, low, high);

        public List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout)
        {
            Calls++;
            if (Failures > 0)
            {
                Failures--;
                throw new KafkaException(ErrorCode.Local_TimedOut);
            }

            return [.. partitions.Select(p => new TopicPartitionOffset(p, _partitions[p].Committed))];
        }

        public WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout)
        {
            Calls++;
            if (partition.Equals(FailWatermarksOf))
            {
                throw new KafkaException(ErrorCode.Local_TimedOut);
            }

            return new WatermarkOffsets(_partitions[partition].Low, _partitions[partition].High);
        }

        public Offset Position(TopicPartition partition) => Offset.Unset;
    }
}
