using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Diagnostics;

/// <summary>Every log message of KafkaWorkers. Messages carry topics, partitions, offsets and groups; never payloads.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Kafka worker {Worker} starting: group {GroupId}, topics {Topics}, concurrency {MaxConcurrency}, ordering {Ordering}, protocol {GroupProtocol}, group instance id {GroupInstanceId}")]
    public static partial void WorkerStarting(ILogger logger, string worker, string groupId, string topics, int maxConcurrency, KafkaOrdering ordering, KafkaGroupProtocol groupProtocol, string groupInstanceId);

    [LoggerMessage(2, LogLevel.Information, "Kafka worker {Worker} (group {GroupId}) was assigned {Count} partition(s): {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string worker, string groupId, int count, PartitionsText partitions);

    [LoggerMessage(3, LogLevel.Information, "Kafka worker {Worker} (group {GroupId}) gives up {Count} revoked partition(s): {Partitions}; waiting for {InFlight} in-flight message(s)")]
    public static partial void PartitionsRevoked(ILogger logger, string worker, string groupId, int count, PartitionsText partitions, int inFlight);

    [LoggerMessage(4, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}): {InFlight} in-flight message(s) of revoked partitions did not finish within the revoke timeout; their handlers are cancelled and the messages will be delivered again")]
    public static partial void RevokeTimedOut(ILogger logger, string worker, string groupId, int inFlight);

    [LoggerMessage(5, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}) lost {Count} partition(s): {Partitions}; it commits nothing more for them, so the messages it handled after their last commit ({Committed}) are handled again by their next owner")]
    public static partial void PartitionsLost(ILogger logger, string worker, string groupId, int count, PartitionsText partitions, OffsetsText committed);

    [LoggerMessage(6, LogLevel.Debug, "Kafka worker {Worker} (group {GroupId}) committed {Offsets}")]
    public static partial void OffsetsCommitted(ILogger logger, string worker, string groupId, OffsetsText offsets);

    [LoggerMessage(7, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}) could not commit {Offsets} in the background; the offsets stay stored and the next background commit retries them while the partitions stay assigned to this worker, but a partition lost or revoked first is handled again by its next owner from its last commit")]
    public static partial void CommitFailed(ILogger logger, string worker, string groupId, OffsetsText offsets, Exception exception);

    [LoggerMessage(23, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}) could not commit {Offsets} before giving the partitions up; unless a retry succeeds before they are gone, their next owner handles those messages again")]
    public static partial void CommitNowFailed(ILogger logger, string worker, string groupId, OffsetsText offsets, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Kafka worker {Worker} (group {GroupId}) stopping: fetching stopped, waiting up to {Timeout} for {InFlight} in-flight message(s)")]
    public static partial void ShutdownStarted(ILogger logger, string worker, string groupId, TimeSpan timeout, int inFlight);

    [LoggerMessage(9, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}): {InFlight} in-flight message(s) did not finish before the shutdown deadline; their handlers are cancelled and the messages will be delivered again")]
    public static partial void ShutdownTimedOut(ILogger logger, string worker, string groupId, int inFlight);

    [LoggerMessage(10, LogLevel.Information, "Kafka worker {Worker} (group {GroupId}) stopped in {ElapsedMilliseconds} ms and left the group")]
    public static partial void WorkerStopped(ILogger logger, string worker, string groupId, long elapsedMilliseconds);

    [LoggerMessage(11, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}): consumer error {Code}: {Reason}")]
    public static partial void ConsumeError(ILogger logger, string worker, string groupId, Confluent.Kafka.ErrorCode code, string reason);

    [LoggerMessage(12, LogLevel.Critical, "Kafka worker {Worker} (group {GroupId}) failed and stops the application")]
    public static partial void WorkerFailed(ILogger logger, string worker, string groupId, Exception exception);

    [LoggerMessage(13, LogLevel.Error, "Kafka worker {Worker} (group {GroupId}): the handler failed for {Topic} [{Partition}] @{Offset}; the message is not committed")]
    public static partial void HandlerFailed(ILogger logger, string worker, string groupId, string topic, int partition, long offset, Exception exception);

    [LoggerMessage(14, LogLevel.Debug, "Kafka worker {Worker}: {Topic} [{Partition}] paused with {Buffered} message(s) buffered")]
    public static partial void PartitionPaused(ILogger logger, string worker, string topic, int partition, int buffered);

    [LoggerMessage(15, LogLevel.Debug, "Kafka worker {Worker}: {Topic} [{Partition}] resumed")]
    public static partial void PartitionResumed(ILogger logger, string worker, string topic, int partition);

    [LoggerMessage(16, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}) did not leave the group cleanly within {Timeout}")]
    public static partial void LeaveTimedOut(ILogger logger, string worker, string groupId, TimeSpan timeout);

    [LoggerMessage(18, LogLevel.Information, "Kafka worker {Worker} (group {GroupId}) ends its run: {Reason}")]
    public static partial void RunEnding(ILogger logger, string worker, string groupId, string reason);

    [LoggerMessage(19, LogLevel.Information, "Kafka worker {Worker} (group {GroupId}) finished its run: {Reason}; handled {Handled} message(s) from {Partitions} partition(s) in {ElapsedMilliseconds} ms; committed {Offsets}; exit code {ExitCode}")]
    public static partial void RunFinished(ILogger logger, string worker, string groupId, string reason, long handled, int partitions, long elapsedMilliseconds, OffsetsText offsets, int exitCode);

    [LoggerMessage(20, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}) could not read the end offsets of its newly assigned partitions for its run; their messages wait, and the read is tried again in {Delay}")]
    public static partial void RunTargetsFailed(ILogger logger, string worker, string groupId, TimeSpan delay, Exception exception);

    [LoggerMessage(21, LogLevel.Debug, "Kafka worker {Worker} (group {GroupId}) parked {Partitions}: the run needs nothing more from them")]
    public static partial void PartitionsParked(ILogger logger, string worker, string groupId, PartitionsText partitions);

    [LoggerMessage(22, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}) leaves without committing {Offsets}: the group refused the final commit until the shutdown deadline, or the partitions went to another member; their next owner handles those messages again")]
    public static partial void FinalCommitAbandoned(ILogger logger, string worker, string groupId, OffsetsText offsets);

    [LoggerMessage(24, LogLevel.Information, "Kafka worker {Worker} (group {GroupId}): {Topic} [{Partition}] paused: {Uncommitted} message(s) taken on since its last commit reach MaxUncommittedMessagesPerPartition ({Max}) while its commits fail or are late; it resumes once a commit succeeds")]
    public static partial void PartitionPausedUncommitted(ILogger logger, string worker, string groupId, string topic, int partition, long uncommitted, int max);

    [LoggerMessage(EventId = 17, Message = "librdkafka ({Worker}) {Facility}: {Message}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string worker, string facility, string message);

    [LoggerMessage(25, LogLevel.Debug, "Kafka worker {Worker} (group {GroupId}): {Topic} [{Partition}] commit point moved from {From} to the consumer's position {Offset}, over offsets the consumer skipped (transaction markers or aborted records)")]
    public static partial void CommitPointSkipped(ILogger logger, string worker, string groupId, string topic, int partition, long from, long offset);

    [LoggerMessage(26, LogLevel.Information, "Kafka worker {Worker} (group {GroupId}) takes its messages through the experimental batch fetch (ExperimentalBatchFetch): up to {BatchSize} per native call on Confluent.Kafka's own handle")]
    public static partial void BatchFetchOpened(ILogger logger, string worker, string groupId, int batchSize);

    [LoggerMessage(100, LogLevel.Information, "Kafka lag monitor {Worker} (group {GroupId}) starting: all partitions of {Topics}, every {PollInterval}")]
    public static partial void LagMonitorStarting(ILogger logger, string worker, string groupId, string topics, TimeSpan pollInterval);

    [LoggerMessage(101, LogLevel.Warning, "Kafka lag monitor {Worker} (group {GroupId}) could not read the offsets; the last snapshot is kept and marked stale until a read succeeds")]
    public static partial void LagReadFailed(ILogger logger, string worker, string groupId, Exception exception);

    [LoggerMessage(102, LogLevel.Information, "Kafka lag monitor {Worker} (group {GroupId}) read the offsets again after {Failures} failed read(s)")]
    public static partial void LagReadRecovered(ILogger logger, string worker, string groupId, int failures);

    [LoggerMessage(103, LogLevel.Debug, "Kafka lag monitor {Worker} (group {GroupId}): {Explanation}")]
    public static partial void LagExplained(ILogger logger, string worker, string groupId, string explanation);

    [LoggerMessage(200, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}): attempt {Attempt} of {MaxAttempts} failed for {Topic} [{Partition}] @{Offset}; retrying in {Delay}")]
    public static partial void RetryScheduled(ILogger logger, string worker, string groupId, int attempt, int maxAttempts, string topic, int partition, long offset, TimeSpan delay, Exception exception);

    [LoggerMessage(201, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}) dead-lettered {Topic} [{Partition}] @{Offset} to {DeadLetterTopic} after {Attempts} attempt(s)")]
    public static partial void DeadLettered(ILogger logger, string worker, string groupId, string topic, int partition, long offset, string deadLetterTopic, int attempts, Exception exception);

    [LoggerMessage(202, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}) skipped {Topic} [{Partition}] @{Offset} after {Attempts} attempt(s) (failure policy Skip): the message is committed without having been handled")]
    public static partial void MessageSkipped(ILogger logger, string worker, string groupId, string topic, int partition, long offset, int attempts, Exception exception);

    [LoggerMessage(203, LogLevel.Warning, "Kafka worker {Worker} (group {GroupId}): the {Component} of {Topic} [{Partition}] @{Offset} could not be deserialized; the poison message never reaches the handler")]
    public static partial void PoisonMessage(ILogger logger, string worker, string groupId, Confluent.Kafka.MessageComponentType component, string topic, int partition, long offset, Exception exception);

    [LoggerMessage(204, LogLevel.Warning, "Kafka worker {Worker} could not produce to the dead-letter topic {DeadLetterTopic} ({Code}: {Reason}); the message is not committed, retrying in {Delay}")]
    public static partial void DeadLetterProduceFailed(ILogger logger, string worker, string deadLetterTopic, Confluent.Kafka.ErrorCode code, string reason, TimeSpan delay);

    [LoggerMessage(205, LogLevel.Warning, "Kafka worker {Worker}: dead-letter producer error {Code}: {Reason}")]
    public static partial void DeadLetterProducerError(ILogger logger, string worker, Confluent.Kafka.ErrorCode code, string reason);

    [LoggerMessage(206, LogLevel.Error, "Kafka worker {Worker} (group {GroupId}): the dead-letter topic {DeadLetterTopic} refused {Topic} [{Partition}] @{Offset} for good ({Code}: {Reason}); retrying cannot help, so the worker stops without committing the message")]
    public static partial void DeadLetterRefused(ILogger logger, string worker, string groupId, string topic, int partition, long offset, string deadLetterTopic, Confluent.Kafka.ErrorCode code, string reason);
}
