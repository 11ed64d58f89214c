using System.Collections.Concurrent;
using Confluent.Kafka;
using KafkaWorkers.Completion;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Sharing;

/// <summary>
/// A share-group worker: <see cref="KafkaWorkerOptions.MaxConcurrency"/> members, each a share consumer on its own
/// long-running thread, and the graceful stop they share.
/// </summary>
/// <remarks>
/// Stopping: polling stops at once (within one poll timeout); a member's handler still running gets up to
/// <see cref="KafkaWorkerOptions.ShutdownTimeout"/> (less if the host gives up first), then its token is cancelled and
/// its records are released; records acquired but not started are released; every member commits its
/// acknowledgements synchronously and closes, which leaves the share group. A worker with a <see cref="ShareRun"/> stops
/// polling by itself when the run is over (a member whose run took its whole budget closes as soon as it has nothing in
/// a handler), and completes with its <see cref="Outcome"/>.
/// </remarks>
internal sealed class ShareWorker(
    string name,
    string groupId,
    KafkaWorkerOptions options,
    IReadOnlyDictionary<string, string> settings,
    ShareAcknowledgementPolicy policy,
    int batchSize,
    ShareTelemetry telemetry,
    ShareRun? run,
    WorkerStatus status,
    TimeProvider time,
    ILogger logger)
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _handlers = new();
    private readonly List<Task> _members = [];
    private long _releasedUnstarted;
    private readonly ConcurrentDictionary<TopicPartition, byte> _partitions = new();
    private RunOutcome? _outcome;
    private int _running;

    public string Name { get; } = name;

    public string GroupId { get; } = groupId;

    public KafkaWorkerOptions Options { get; } = options;

    public IReadOnlyDictionary<string, string> Settings { get; } = settings;

    public ShareAcknowledgementPolicy Policy { get; } = policy;

    public int BatchSize { get; } = batchSize;

    public ShareTelemetry Telemetry { get; } = telemetry;

    /// <summary>Gets the run of a worker that runs to completion; null for one that runs until the host stops.</summary>
    public ShareRun? Run { get; } = run;

    /// <summary>
    /// Gets what health checks see: the state, the most recent poll of any member, joined once a poll succeeded, and as
    /// "assigned partitions" the partitions the worker acquired records from.
    /// </summary>
    public WorkerStatus Status { get; } = status;

    /// <summary>Gets how the run ended, once it has; null before, and for a worker without a run.</summary>
    public RunOutcome? Outcome => Volatile.Read(ref _outcome);

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    /// <summary>Gets a token cancelled when the worker stops: nothing more is polled or started.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Gets the token handlers receive: cancelled at the shutdown deadline.</summary>
    public CancellationToken HandlerToken => _handlers.Token;

    /// <summary>Gets a task that completes when every member has closed, and faults with the first member's failure.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Gets how many acquired records were released without being started (at shutdown or after an error).</summary>
    public long ReleasedUnstarted => Interlocked.Read(ref _releasedUnstarted);

    /// <summary>Creates every member's share consumer, then starts each member's thread.</summary>
    /// <exception cref="ArgumentException">librdkafka refused a setting (the message names it).</exception>
    /// <exception cref="Confluent.Kafka.KafkaException">librdkafka refused the subscription.</exception>
    public void Start()
    {
        Log.ShareWorkerStarting(
            Logger, Name, GroupId, string.Join(",", Options.Topics), Options.MaxConcurrency, Settings.GetValueOrDefault("max.poll.records", string.Empty));
        var consumers = new List<ShareConsumer>();
        try
        {
            for (var i = 0; i < Options.MaxConcurrency; i++)
            {
                consumers.Add(ShareMember.CreateConsumer(this));
            }
        }
        catch
        {
            consumers.ForEach(c => c.Dispose());
            throw;
        }

        _running = consumers.Count;
        Status.SetState(WorkerState.Running);
        for (var i = 0; i < consumers.Count; i++)
        {
            var member = new ShareMember(this, consumers[i], i);
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() => RunMember(member, done)) { IsBackground = true, Name = $"kafka-share-{Name}-{i}" };
            thread.Start();
            _members.Add(done.Task);
        }

        Completion = Task.WhenAll(_members);
    }

    /// <summary>Stops gracefully, within the shutdown timeout and never past <paramref name="cancellationToken"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Log.ShareShutdownStarted(Logger, Name, GroupId, Options.ShutdownTimeout);
        if (Status.State == WorkerState.Running)
        {
            Status.SetState(WorkerState.Stopping);
        }

        _stopping.Cancel();
        _handlers.CancelAfter(Options.ShutdownTimeout);
        using var hostGaveUp = cancellationToken.Register(_handlers.Cancel);
        try
        {
            await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host stopped waiting; the members still commit and close on their threads.
            return;
        }
        catch (Exception) when (Completion.IsFaulted)
        {
            // Reported to the host when it happened (the hosted service watches Completion).
        }

        Log.ShareWorkerStopped(Logger, Name, GroupId, ReleasedUnstarted);
    }

    internal void CountReleasedUnstarted() => Interlocked.Increment(ref _releasedUnstarted);

    /// <summary>Called by a member after each poll that did not fail, with what it acquired.</summary>
    internal void Polled(IEnumerable<TopicPartition> acquiredFrom)
    {
        Status.Polled();
        if (!Status.HasJoinedGroup)
        {
            Status.Assigned(0);
        }

        foreach (var partition in acquiredFrom)
        {
            if (_partitions.TryAdd(partition, 0))
            {
                Status.Assigned(1);
            }
        }
    }

    /// <summary>
    /// Called by a member between polls: checks the run, ends it when it is over (polling stops in every member), and
    /// tells whether this member polls again.
    /// </summary>
    internal bool ShouldPoll()
    {
        if (Run is not null)
        {
            if (Run.Check() is { } ending && Interlocked.CompareExchange(ref _outcome, new RunOutcome(ending), null) is null)
            {
                Log.RunEnding(Logger, Name, GroupId, Outcome!.Reason);
                _stopping.Cancel();
            }

            if (Run.BudgetTaken)
            {
                return false;
            }
        }

        return !Stopping.IsCancellationRequested;
    }

    private void RunMember(ShareMember member, TaskCompletionSource done)
    {
        try
        {
            member.Run();
            if (Interlocked.Decrement(ref _running) == 0 && Status.State != WorkerState.Failed)
            {
                Status.SetState(WorkerState.Stopped);
            }

            done.SetResult();
        }
        catch (Exception e)
        {
            Interlocked.Decrement(ref _running);
            Status.SetState(WorkerState.Failed);
            _stopping.Cancel();
            done.SetException(e);
        }
    }
}
