using Confluent.Kafka;
using KafkaWorkers.Diagnostics;

namespace KafkaWorkers.Runtime;

/// <summary>
/// The graceful stop, on the poll thread: stop fetching, drop buffered messages, give in-flight messages up to the
/// shutdown timeout (or until the host's own deadline), cancel the rest, commit exactly what completed, then leave the
/// group so the remaining members rebalance at once.
/// </summary>
internal sealed partial class KafkaWorker
{
    private static readonly TimeSpan LeaveTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a stopping worker retries a final commit the group refused, at most.</summary>
    private static readonly TimeSpan FinalCommitRetryWindow = TimeSpan.FromSeconds(10);

    /// <summary>How often a stopping worker retries a refused final commit.</summary>
    private static readonly TimeSpan FinalCommitRetryInterval = TimeSpan.FromMilliseconds(200);

    private void ShutDown(IConsumer<byte[]?, byte[]?> consumer)
    {
        var start = _time.GetTimestamp();
        var deadline = Timestamps.After(_time, _options.ShutdownTimeout);
        CloseBatchFetch();
        try
        {
            consumer.Pause(consumer.Assignment);
        }
        catch (KafkaException e)
        {
            OnError(e.Error);
        }

        var closed = _scheduler.Close(_scheduler.OpenPartitions.Select(p => p.TopicPartition));
        Log.ShutdownStarted(_logger, _name, _groupId, _options.ShutdownTimeout, _scheduler.CountInFlight(closed));
        GiveUp(consumer, closed, _options.ShutdownTimeout, inFlight => Log.ShutdownTimedOut(_logger, _name, _groupId, inFlight));
        RetryRefusedCommit(consumer, closed, Math.Min(deadline, Timestamps.After(_time, FinalCommitRetryWindow)));
        _scheduler.Complete();
        WaitForHandlerTasks(deadline);
        LeaveGroup(consumer);
        _telemetry.ReportUncommitted([]);
        Log.WorkerStopped(_logger, _name, _groupId, (long)_time.GetElapsedTime(start).TotalMilliseconds);
        LogRunSummary();
    }

    /// <summary>
    /// Retries a final commit that the group refused, typically because another member's join began meanwhile: the
    /// commit carried the old generation (<c>ILLEGAL_GENERATION</c>) or came during the join (<c>REBALANCE_IN_PROGRESS</c>).
    /// The consumer is polled, so that it rejoins and learns the current generation, and what completed on the
    /// partitions still assigned to it is committed again, until the group accepts it, the partitions are gone, the
    /// deadline (a timestamp) passes or the host gives up. Messages fetched meanwhile are not taken on.
    /// </summary>
    private void RetryRefusedCommit(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<PartitionState> closed, long deadline)
    {
        var nextAttempt = Timestamps.After(_time, FinalCommitRetryInterval);
        while (_scheduler.GetUncommitted(closed) is { Count: > 0 } uncommitted && !_hostGaveUp.IsCancellationRequested)
        {
            var assigned = consumer.Assignment.ToHashSet();
            var pending = closed.Where(p => assigned.Contains(p.TopicPartition) && uncommitted.Any(o => o.TopicPartition.Equals(p.TopicPartition))).ToList();
            if (_time.GetTimestamp() >= deadline || (pending.Count == 0 && assigned.Count > 0))
            {
                Log.FinalCommitAbandoned(_logger, _name, _groupId, new OffsetsText(uncommitted));
                return;
            }

            try
            {
                PollWithoutTaking(consumer);
            }
            catch (ConsumeException e)
            {
                OnError(e.Error);
            }

            if (pending.Count > 0 && _time.GetTimestamp() >= nextAttempt)
            {
                CommitNow(consumer, pending);
                nextAttempt = Timestamps.After(_time, FinalCommitRetryInterval);
            }
        }
    }

    /// <summary>
    /// Leaves the group. Unsubscribing first makes a static member (<c>group.instance.id</c>) leave too, which a plain
    /// close does not do (KIP-345), and it sidesteps librdkafka#4527 (a close that hangs when an incremental
    /// assignment arrives while closing): the revocation is served here, then the consumer closes with nothing assigned.
    /// </summary>
    private void LeaveGroup(IConsumer<byte[]?, byte[]?> consumer)
    {
        try
        {
            consumer.Unsubscribe();
            var start = _time.GetTimestamp();
            while (consumer.Assignment.Count > 0 && !_hostGaveUp.IsCancellationRequested)
            {
                if (_time.GetElapsedTime(start) > LeaveTimeout)
                {
                    Log.LeaveTimedOut(_logger, _name, _groupId, LeaveTimeout);
                    break;
                }

                PollWithoutTaking(consumer);
            }

            consumer.Close();
        }
        catch (KafkaException e)
        {
            OnError(e.Error);
        }
        finally
        {
            consumer.Dispose();
        }
    }

    /// <summary>
    /// Polls while stopping, so that rebalances and commits are served; a message returned is not taken on, and its
    /// partition's commit point never moves past it.
    /// </summary>
    private void PollWithoutTaking(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (consumer.Consume(PollTimeout) is { IsPartitionEOF: false } result)
        {
            NotTaken(result);
        }
    }

    /// <summary>
    /// After the poll loop failed: cancels every handler, drops what is buffered, ends the handler tasks and waits for them
    /// (up to the shutdown timeout, or the host's deadline), so that the worker's completion comes after its last handler.
    /// Nothing is committed: the consumer is disposed without the graceful stop's commit.
    /// </summary>
    private void AbandonAll(IConsumer<byte[]?, byte[]?> consumer)
    {
        var deadline = Timestamps.After(_time, _options.ShutdownTimeout);
        CloseBatchFetch();
        var closed = _scheduler.Close(_scheduler.OpenPartitions.Select(p => p.TopicPartition));
        _scheduler.Abandon(closed);
        CancelHandlers(closed);
        _scheduler.Complete();
        WaitForHandlerTasks(deadline);
        consumer.Dispose();
    }

    /// <summary>Waits until every handler task has ended, the deadline (a timestamp) passes, or the host gives up.</summary>
    private void WaitForHandlerTasks(long deadline)
    {
        try
        {
            _handlerTasks.Wait(Timestamps.Until(_time, deadline), _hostGaveUp.Token);
        }
        catch (OperationCanceledException)
        {
            // The host's deadline passed: stop waiting.
        }
        catch (AggregateException)
        {
            // A faulted handler task already failed the worker (ObserveHandlerTasks).
        }
    }

    /// <summary>Fails the worker if a handler task ever faults (a defect in the scheduler), so no task goes unobserved.</summary>
    private void ObserveHandlerTasks(Task handlerTasks) =>
        handlerTasks.ContinueWith(
            (task, state) => ((KafkaWorker)state!).Fail(task.Exception!.GetBaseException()),
            this,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
