using Confluent.Kafka;
using KafkaWorkers.Completion;
using KafkaWorkers.Diagnostics;

namespace KafkaWorkers.Runtime;

/// <summary>
/// Run-to-completion: a worker with <see cref="KafkaWorkerOptions.Completion"/> takes on only the messages that belong
/// to its run, parks partitions it needs nothing more from, and stops itself gracefully when the run is over.
/// </summary>
internal sealed partial class KafkaWorker
{
    private static readonly TimeSpan RunCheckInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How often a finished run retries committing its work.</summary>
    private static readonly TimeSpan RunCommitInterval = TimeSpan.FromMilliseconds(250);

    private long _nextRunCommit;

    private readonly HashSet<TopicPartition> _parked = [];
    private long _nextRunCheck;

    /// <summary>Gets how the run ended, once it has; null for a worker that runs until the host stops.</summary>
    public RunOutcome? Outcome { get; private set; }

    /// <summary>Gets whether the worker ends its run by itself.</summary>
    public bool RunsToCompletion => _run is not null;

    /// <summary>Decides whether the run takes on a fetched message; parks what it needs nothing more from.</summary>
    private bool AdmitToRun(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_run is null || _run.Admit(result))
        {
            return true;
        }

        Park(consumer, _run.MaxMessagesReached ? consumer.Assignment : [result.TopicPartition]);
        return false;
    }

    private void Park(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<TopicPartition> partitions)
    {
        var newlyParked = partitions.Where(_parked.Add).ToList();
        if (newlyParked.Count > 0)
        {
            consumer.Pause(newlyParked);
        }
    }

    private void CheckRun(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_run is null || Outcome is not null || _time.GetTimestamp() < _nextRunCheck)
        {
            return;
        }

        _nextRunCheck = _time.GetTimestamp() + (long)(RunCheckInterval.TotalSeconds * _time.TimestampFrequency);
        var open = _scheduler.OpenPartitions;
        if (_run.Check(consumer, open, _scheduler.IsIdle(open)) is { } ending)
        {
            Outcome = new RunOutcome(ending);
            Log.RunEnding(_logger, _name, _groupId, Outcome.Reason);
            RequestStop();
        }
        else if (_run.AwaitingCommit && _time.GetTimestamp() >= _nextRunCommit)
        {
            _nextRunCommit = _time.GetTimestamp() + (long)(RunCommitInterval.TotalSeconds * _time.TimestampFrequency);
            CommitNow(consumer, open);
        }
    }

    private void OnRunPartitionsAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions) =>
        _run?.OnAssigned(consumer, partitions);

    private void OnRunPartitionsRevoked(IEnumerable<TopicPartition> partitions)
    {
        var list = partitions.ToList();
        _parked.ExceptWith(list);
        _run?.OnRevoked(list);
    }

    /// <summary>Ends a run's log with one line: why it ended, what it handled and committed, and its exit code.</summary>
    private void LogRunSummary()
    {
        if (_run is null)
        {
            return;
        }

        var (reason, exitCode) = (Outcome, _failure) switch
        {
            (_, WorkerFailedException failure) => (failure.Message, failure.ExitCode),
            ({ } outcome, _) => (outcome.Reason, outcome.ExitCode),
            _ => ("the host stopped the worker before its run ended", KafkaWorkerExitCodes.Success),
        };
        Log.RunFinished(
            _logger, _name, _groupId, reason, _scheduler.CompletedCount, _run.PartitionCount, (long)_run.Elapsed.TotalMilliseconds,
            new OffsetsText(_lastCommitted.Select(c => new TopicPartitionOffset(c.Key, c.Value))), exitCode);
    }
}
