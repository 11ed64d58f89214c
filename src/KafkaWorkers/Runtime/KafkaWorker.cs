using Confluent.Kafka;
using KafkaWorkers.Completion;
using KafkaWorkers.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Runtime;

/// <summary>
/// One running worker: a consumer polled on its own thread, a <see cref="WorkScheduler"/> that runs the handlers,
/// commits of exactly what completed, rebalance handling and a graceful stop.
/// </summary>
internal sealed partial class KafkaWorker
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The poll timeout while partitions are paused, so that a drained partition resumes promptly.</summary>
    private static readonly TimeSpan PausedPollTimeout = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// How long the poll loop waits for a full partition buffer to drain to half before it pauses the partition. Pausing
    /// discards what librdkafka prefetched for the partition (up to <c>max.partition.fetch.bytes</c>), which a resume
    /// fetches again; handlers that keep up drain within this wait, so their partitions are never paused.
    /// </summary>
    private static readonly TimeSpan BackPressureWait = TimeSpan.FromMilliseconds(20);

    private readonly string _name;
    private readonly string _groupId;
    private readonly KafkaWorkerOptions _options;
    private readonly ConsumerConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WorkerTelemetry _telemetry;
    private readonly WorkerStatus _status;
    private readonly RunCompletion? _run;
    private readonly WorkScheduler _scheduler;
    private readonly UncommittedBound _uncommittedBound;
    private readonly List<PartitionState> _paused = [];
    private readonly CancellationTokenSource _stopRequested = new();
    private readonly CancellationTokenSource _hostGaveUp = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private Task _handlerTasks = Task.CompletedTask;
    private Exception? _failure;
    private long _nextStore;

    public KafkaWorker(
        string name,
        KafkaWorkerOptions options,
        ConsumerConfig config,
        IMessageProcessor processor,
        TimeProvider time,
        ILogger logger,
        WorkerTelemetry telemetry,
        WorkerStatus status)
    {
        _name = name;
        _status = status;
        _groupId = config.GroupId;
        _options = options;
        _config = config;
        _time = time;
        _logger = logger;
        _telemetry = telemetry;
        _scheduler = new WorkScheduler(options.Ordering, options.MaxConcurrency, processor, time, options.BatchTimeout, OnHandlerFailed);
        _uncommittedBound = new UncommittedBound(options.MaxUncommittedMessagesPerPartition, options.CommitInterval, time);
        if (options.Completion is { IsEnabled: true } completion)
        {
            _run = new RunCompletion(completion, time, config.AutoOffsetReset != AutoOffsetReset.Latest);
        }
    }

    public string Name => _name;

    /// <summary>Gets a task that completes when the worker has stopped; it faults with the reason when the worker failed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Creates the consumer, subscribes and starts the poll thread and the handler tasks.</summary>
    /// <exception cref="ArgumentException">librdkafka rejected a consumer setting.</exception>
    public void Start()
    {
        Log.WorkerStarting(
            _logger, _name, _groupId, string.Join(",", _options.Topics), _options.MaxConcurrency, _options.Ordering,
            _options.GroupProtocol, _config.GroupInstanceId ?? "(none)");
        PrepareBrokerChecks();
        _consumer = new ConsumerBuilder<byte[]?, byte[]?>(_config)
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => OnLog(message))
            .SetPartitionsAssignedHandler((consumer, partitions) => Observe(() => OnAssigned(consumer, partitions)))
            .SetPartitionsRevokedHandler((consumer, partitions) => Observe(() => OnRevoked(consumer, partitions)))
            .SetPartitionsLostHandler((consumer, partitions) => Observe(() => OnLost(consumer, partitions)))
            .SetOffsetsCommittedHandler((_, committed) => OnOffsetsCommitted(committed))
            .Build();
        _consumer.Subscribe(_options.Topics);
        OpenBatchFetch(_consumer);
        _handlerTasks = _scheduler.Start();
        ObserveHandlerTasks(_handlerTasks);
        _nextStore = _time.GetTimestamp();
        var thread = new Thread(PollLoop) { IsBackground = true, Name = $"KafkaWorkers poll: {_name}" };
        _status.SetState(WorkerState.Running);
        thread.Start();
    }

    /// <summary>
    /// Stops the worker: fetching stops at once, in-flight messages get up to the shutdown timeout, what completed is
    /// committed and the consumer leaves the group. Returns early, without waiting for the rest, when
    /// <paramref name="cancellationToken"/> (the host's shutdown deadline) is cancelled.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        RequestStop();
        using var giveUp = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _hostGaveUp);
        await _completion.Task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Asks the poll loop to stop; the stop itself (drain, commit, leave) runs on the poll thread.</summary>
    private void RequestStop()
    {
        if (_status.State == WorkerState.Running)
        {
            _status.SetState(WorkerState.Stopping);
        }

        _stopRequested.Cancel();
    }

    private void PollLoop()
    {
        var consumer = _consumer!;
        try
        {
            while (!_stopRequested.IsCancellationRequested)
            {
                PollOnce(consumer);
            }

            ShutDown(consumer);
        }
        catch (Exception e)
        {
            Fail(new WorkerFailedException($"The poll loop of Kafka worker '{_name}' failed.", KafkaWorkerExitCodes.KafkaError, e));
            AbandonAll(consumer);
        }

        if (_failure is null)
        {
            _status.SetState(WorkerState.Stopped);
            _completion.TrySetResult();
        }
        else
        {
            _status.SetState(WorkerState.Failed);
            _completion.TrySetException(_failure);
        }
    }

    private void PollOnce(IConsumer<byte[]?, byte[]?> consumer)
    {
        try
        {
            var result = Fetch(consumer, _paused.Count > 0 ? PausedPollTimeout : PollTimeout);
            _status.Polled();
            ReadRunTargets(consumer);
            if (result is { IsPartitionEOF: false })
            {
                Accept(consumer, result);
            }
        }
        catch (ConsumeException e)
        {
            OnError(e.Error);
            // Never spin on a repeating error.
            _stopRequested.Token.WaitHandle.WaitOne(PollTimeout);
        }

        ResumeDrained(consumer);
        if (_time.GetTimestamp() >= _nextStore)
        {
            StoreCompleted(consumer);
            _nextStore = Timestamps.After(_time, StoreInterval);
        }

        CheckRun(consumer);
    }

    /// <summary>Buffers a fetched message that belongs to the run, with back-pressure on its partition's buffer.</summary>
    private void Accept(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result)
    {
        if (!AdmitToRun(consumer, result))
        {
            return;
        }

        var partition = _scheduler.Enqueue(result, out var progress);
        if (partition is null)
        {
            return;
        }

        if (partition.FirstTaken < 0)
        {
            partition.FirstTaken = result.Offset.Value;
        }

        partition.NextTaken = result.Offset.Value + 1;
        if (partition.Paused)
        {
            return;
        }

        if (_uncommittedBound.Holds(partition, progress.Committed))
        {
            // Commits are failing (or lag behind): take on nothing more of the partition until one succeeds.
            Pause(consumer, partition);
            Log.PartitionPausedUncommitted(
                _logger, _name, _groupId, result.Topic, result.Partition.Value, partition.Uncommitted(progress.Committed), _uncommittedBound.Max);
        }
        else if (progress.Buffered >= _options.MaxBufferedMessagesPerPartition &&
                 !_scheduler.WaitForDrain(partition, _options.MaxBufferedMessagesPerPartition / 2, BackPressureWait, _stopRequested.Token))
        {
            Pause(consumer, partition);
            Log.PartitionPaused(_logger, _name, result.Topic, result.Partition.Value, _scheduler.GetProgress(partition).Buffered);
        }
    }

    private void Pause(IConsumer<byte[]?, byte[]?> consumer, PartitionState partition)
    {
        consumer.Pause([partition.TopicPartition]);
        GiveBackFetched(consumer, partition.TopicPartition);
        partition.Paused = true;
        _paused.Add(partition);
    }

    private void ResumeDrained(IConsumer<byte[]?, byte[]?> consumer)
    {
        for (var i = _paused.Count - 1; i >= 0; i--)
        {
            var partition = _paused[i];
            if (partition.Closed)
            {
                _paused.RemoveAt(i);
            }
            else if (_scheduler.GetProgress(partition) is var progress &&
                     progress.Buffered <= _options.MaxBufferedMessagesPerPartition / 2 &&
                     !_uncommittedBound.Holds(partition, progress.Committed) &&
                     !_parked.Contains(partition.TopicPartition) && !_held.ContainsKey(partition.TopicPartition))
            {
                consumer.Resume([partition.TopicPartition]);
                partition.Paused = false;
                _paused.RemoveAt(i);
                Log.PartitionResumed(_logger, _name, partition.TopicPartition.Topic, partition.TopicPartition.Partition.Value);
            }
        }
    }

    private void OnHandlerFailed(WorkItem item, Exception exception)
    {
        var result = item.Result;
        Log.HandlerFailed(_logger, _name, _groupId, result.Topic, result.Partition.Value, result.Offset.Value, exception);
        Fail(new WorkerFailedException(
            $"The handler of Kafka worker '{_name}' failed for {result.Topic} [{result.Partition.Value}] @{result.Offset.Value}; the message is not committed.",
            KafkaWorkerExitCodes.HandlerFailed,
            exception));
    }

    private void OnError(Error error)
    {
        if (FailOnRefusedConfiguration(error))
        {
            return;
        }

        if (IsFatal(error))
        {
            Fail(new WorkerFailedException(
                $"Kafka worker '{_name}' (group {_groupId}) hit a fatal Kafka error: {error.Code}: {error.Reason}",
                KafkaWorkerExitCodes.KafkaError,
                new KafkaException(error)));
        }
        else
        {
            Log.ConsumeError(_logger, _name, _groupId, error.Code, error.Reason);
        }
    }

    private static bool IsFatal(Error error) => error.IsFatal || error.Code is
        ErrorCode.TopicAuthorizationFailed or ErrorCode.GroupAuthorizationFailed or
        ErrorCode.ClusterAuthorizationFailed or ErrorCode.SaslAuthenticationFailed or
        ErrorCode.Local_Authentication;

    /// <summary>Records the first failure and stops the worker; the hosted service then stops the application.</summary>
    private void Fail(Exception failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        RequestStop();
    }

    private void OnLog(LogMessage message)
    {
        CheckBrokerFeatures(message);
        Log.Librdkafka(_logger, LogLevels.Of(message.Level), _name, message.Facility, message.Message);
    }
}
