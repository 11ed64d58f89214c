using KafkaWorkers.Completion;
using KafkaWorkers.Sharing;

namespace KafkaWorkers.Tests.Sharing;

public sealed class ShareRunTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void The_budget_is_taken_on_across_handler_calls_and_a_call_beyond_it_gets_only_what_is_left()
    {
        var run = new ShareRun(KafkaCompletion.Batch(4), _time);

        Assert.Equal(3, run.Admit(3));
        Assert.False(run.BudgetTaken);
        Assert.Equal(1, run.Admit(3));
        Assert.True(run.BudgetTaken);
        Assert.Equal(0, run.Admit(1));
    }

    [Fact]
    public void A_run_whose_budget_is_taken_ends_only_once_every_record_taken_on_was_settled()
    {
        var run = new ShareRun(KafkaCompletion.SingleMessage(), _time);
        run.Acquired();
        run.Admit(1);

        Assert.Null(run.Check());
        run.Settled(1);

        Assert.Equal(RunEnding.MaxMessagesHandled, run.Check());
        Assert.Equal(1, run.Handled);
    }

    [Fact]
    public void A_run_is_idle_after_the_idle_timeout_without_acquisitions_and_never_while_a_handler_runs()
    {
        var run = new ShareRun(new KafkaCompletionOptions { IdleTimeout = TimeSpan.FromSeconds(5) }, _time);
        run.Acquired();
        run.Admit(1);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(run.Check());
        run.Settled(1);
        Assert.Null(run.Check());
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(RunEnding.Idle, run.Check());
    }

    [Fact]
    public void The_maximum_duration_ends_a_run_and_times_it_out_when_it_had_a_budget()
    {
        var alone = new ShareRun(KafkaCompletion.For(TimeSpan.FromSeconds(5)), _time);
        var budgeted = new ShareRun(new KafkaCompletionOptions { MaxMessages = 10, MaxDuration = TimeSpan.FromSeconds(5) }, _time);
        budgeted.Admit(1);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(RunEnding.MaxDuration, alone.Check());
        Assert.Equal(RunEnding.TimedOut, budgeted.Check());
        Assert.Equal(KafkaWorkerExitCodes.Timeout, new RunOutcome(RunEnding.TimedOut).ExitCode);
    }

    [Fact]
    public void A_run_that_acquires_nothing_within_the_start_timeout_has_nothing_to_do_and_exits_zero()
    {
        var run = new ShareRun(KafkaCompletion.SingleMessage(), _time);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(run.Check());
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(RunEnding.NothingAcquired, run.Check());
        Assert.Equal(KafkaWorkerExitCodes.Success, new RunOutcome(RunEnding.NothingAcquired).ExitCode);
    }
}
