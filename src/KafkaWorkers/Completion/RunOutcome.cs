namespace KafkaWorkers.Completion;

/// <summary>How a run-to-completion worker's run ended, and the exit code that reports it.</summary>
internal sealed record RunOutcome(RunEnding Ending)
{
    public int ExitCode => Ending == RunEnding.TimedOut ? KafkaWorkerExitCodes.Timeout : KafkaWorkerExitCodes.Success;

    /// <summary>Gets the reason for the log's summary line.</summary>
    public string Reason => Ending switch
    {
        RunEnding.MaxMessagesHandled => "the message budget was handled",
        RunEnding.Drained => "every assigned partition was drained to its end offset at assignment",
        RunEnding.Idle => "no message arrived within the idle timeout",
        RunEnding.MaxDuration => "the maximum duration passed",
        RunEnding.TimedOut => "the maximum duration passed before the run's target was reached",
        RunEnding.NothingAcquired => "no record was acquired within the start timeout (the share group's backlog was taken by other members): nothing to do",
        _ => "no partition was assigned within the start timeout (more jobs than partitions, or the lag was consumed by other jobs): nothing to do",
    };
}
