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

    /// <summary>Partitions paused because the run needs nothing more from them.</summary>
    private readonly HashSet<TopicPartition> _parked = [];

    /// <summary>Messages fetched before their partition's drain target was read, kept (the partition paused) until it is.</summary>
    private readonly Dictionary<TopicPartition, List<ConsumeResult<byte[]?, byte[]?>>> _held = [];

    private long _nextRunCommit;
    private long _nextRunCheck;

    /// <summary>Gets how the run ended, once it has; null for a worker that runs until the host stops.</summary>
    public RunOutcome? Outcome { get; private set; }

    /// <summary>Gets whether the worker ends its run by itself.</summary>
    public bool RunsToCompletion => _run is not null;

    /// <summary>Decides whether the run takes on a fetched message; parks what it needs nothing more from.</summary>
    private bool AdmitToRun(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result)
    {
        switch (_run?.Admit(result) ?? RunAdmission.Take)
        {
            case RunAdmission.Take:
                return true;
            case RunAdmission.Hold:
                Hold(consumer, result);
                NotTaken(result);
                return false;
            default:
                Park(consumer, _run!.MaxMessagesReached ? consumer.Assignment : [result.TopicPartition]);
                NotTaken(result);
                return false;
        }
    }

    /// <summary>
    /// Records that a message the consumer returned is not taken on (not now, or not at all), so that its partition's
    /// commit point never moves to a consumer position beyond it (<see cref="SkipToPositions"/>).
    /// </summary>
    private void NotTaken(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (_scheduler.Find(result.TopicPartition) is { } partition)
        {
            partition.FirstUntaken = Math.Min(partition.FirstUntaken, result.Offset.Value);
        }
    }

    private void Park(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<TopicPartition> partitions)
    {
        var newlyParked = partitions.Where(_parked.Add).ToList();
        if (newlyParked.Count > 0)
        {
            consumer.Pause(newlyParked);
            Log.PartitionsParked(_logger, _name, _groupId, new PartitionsText(newlyParked));
        }
    }

    /// <summary>
    /// Keeps a message whose partition's drain target is not known yet and pauses the partition. A pause drops what
    /// librdkafka prefetched, and the resume fetches again from after the last message returned, so the held messages
    /// are exactly those to take on first.
    /// </summary>
    private void Hold(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result)
    {
        if (!_held.TryGetValue(result.TopicPartition, out var held))
        {
            _held.Add(result.TopicPartition, held = []);
            consumer.Pause([result.TopicPartition]);
        }

        held.Add(result);
    }

    /// <summary>
    /// Reads the drain targets of newly assigned partitions, on the poll loop (never inside the assign callback); then
    /// takes on the messages held for them and resumes them. A failed read is logged and tried again later.
    /// </summary>
    private void ReadRunTargets(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_run is null)
        {
            return;
        }

        var (read, error) = _run.ReadTargets(new ConsumerOffsets(consumer));
        if (error is not null)
        {
            Log.RunTargetsFailed(_logger, _name, _groupId, RunCompletion.TargetRetryInterval, error);
        }

        foreach (var partition in read)
        {
            if (_held.Remove(partition, out var held))
            {
                consumer.Resume([partition]);
                if (_scheduler.Find(partition) is { } state)
                {
                    // The held messages are the only ones not taken on so far; each is taken on now or left for the next run.
                    state.FirstUntaken = long.MaxValue;
                }

                foreach (var result in held)
                {
                    Accept(consumer, result);
                }
            }
        }
    }

    private void CheckRun(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_run is null || Outcome is not null || _time.GetTimestamp() < _nextRunCheck)
        {
            return;
        }

        _nextRunCheck = Timestamps.After(_time, RunCheckInterval);
        var open = _scheduler.OpenPartitions;
        if (_run.Check(new ConsumerOffsets(consumer), _scheduler.GetProgress(open)) is { } ending)
        {
            Outcome = new RunOutcome(ending);
            Log.RunEnding(_logger, _name, _groupId, Outcome.Reason);
            RequestStop();
        }
        else if (_run.AwaitingCommit && _time.GetTimestamp() >= _nextRunCommit)
        {
            _nextRunCommit = Timestamps.After(_time, RunCommitInterval);
            CommitNow(consumer, open);
        }
    }

    private void OnRunPartitionsAssigned(List<TopicPartition> partitions) => _run?.OnAssigned(partitions);

    /// <summary>
    /// Forgets the run's state of partitions given up (revoked or lost). Parked and held partitions are resumed, since a
    /// partition keeps its paused state in librdkafka: re-assigned later, it would otherwise never be fetched again.
    /// Held messages are dropped; they were never handled, and the partition's next owner fetches them.
    /// </summary>
    private void OnRunPartitionsRevoked(IConsumer<byte[]?, byte[]?> consumer, IEnumerable<TopicPartition> partitions)
    {
        var list = partitions.ToList();
        var paused = list.Where(p => _parked.Remove(p) | _held.Remove(p)).ToList();
        if (paused.Count > 0)
        {
            consumer.Resume(paused);
        }

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

    /// <summary>The worker's consumer as the run's offset source.</summary>
    private sealed class ConsumerOffsets(IConsumer<byte[]?, byte[]?> consumer) : IRunOffsets
    {
        public List<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout) => consumer.Committed(partitions, timeout);

        public WatermarkOffsets QueryWatermarkOffsets(TopicPartition partition, TimeSpan timeout) => consumer.QueryWatermarkOffsets(partition, timeout);

        public Offset Position(TopicPartition partition) => consumer.Position(partition);
    }
}
