using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Diagnostics;

/// <summary>The log messages of share workers (events 900–919).</summary>
internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Information, "Kafka share worker {Worker} starting (preview): share group {GroupId}, topics {Topics}, {Members} share consumer(s), max.poll.records {MaxPollRecords}")]
    public static partial void ShareWorkerStarting(ILogger logger, string worker, string groupId, string topics, int members, string maxPollRecords);

    [LoggerMessage(901, LogLevel.Warning, "Kafka share worker {Worker} (group {GroupId}) released {Topic} [{Partition}] @{Offset} for redelivery after delivery {DeliveryCount} of {MaxAttempts} failed")]
    public static partial void ShareRecordReleased(ILogger logger, string worker, string groupId, string topic, int partition, long offset, int deliveryCount, int maxAttempts, Exception exception);

    [LoggerMessage(902, LogLevel.Warning, "Kafka share worker {Worker} (group {GroupId}) rejected {Topic} [{Partition}] @{Offset} after {DeliveryCount} deliveries: the broker archives it and never delivers it again")]
    public static partial void ShareRecordRejected(ILogger logger, string worker, string groupId, string topic, int partition, long offset, int deliveryCount, Exception exception);

    [LoggerMessage(903, LogLevel.Warning, "Kafka share worker {Worker} (group {GroupId}): acknowledgements of {Topic} [{Partition}] failed: {Error} ({Reason}); their records will be delivered again (after INVALID_RECORD_STATE, a lock that expired already gave them to another member)")]
    public static partial void ShareAcknowledgementFailed(ILogger logger, string worker, string groupId, string topic, int partition, string error, string reason);

    [LoggerMessage(904, LogLevel.Warning, "Kafka share worker {Worker} (group {GroupId}): share poll failed: {Error} ({Reason})")]
    public static partial void SharePollFailed(ILogger logger, string worker, string groupId, ErrorCode error, string reason);

    [LoggerMessage(905, LogLevel.Warning, "Kafka share worker {Worker} (group {GroupId}): {Topic} [{Partition}] @{Offset} came with a record-level error {Error}; it is released")]
    public static partial void ShareRecordError(ILogger logger, string worker, string groupId, string topic, int partition, long offset, ErrorCode error);

    [LoggerMessage(906, LogLevel.Information, "Kafka share worker {Worker} (group {GroupId}) stopping: polling stopped, waiting up to {Timeout} for in-flight records; records not started are released")]
    public static partial void ShareShutdownStarted(ILogger logger, string worker, string groupId, TimeSpan timeout);

    [LoggerMessage(907, LogLevel.Information, "Kafka share worker {Worker} (group {GroupId}) stopped: {Released} acquired record(s) released unstarted")]
    public static partial void ShareWorkerStopped(ILogger logger, string worker, string groupId, long released);

    [LoggerMessage(908, LogLevel.Warning, "Kafka share worker {Worker} (group {GroupId}): committing acknowledgements or closing failed: {Error} ({Reason})")]
    public static partial void ShareCommitFailed(ILogger logger, string worker, string groupId, ErrorCode error, string reason);

    [LoggerMessage(909, LogLevel.Information, "Kafka share worker {Worker} (group {GroupId}) finished its run: {Reason}; handled and acknowledged {Handled} record(s) in {ElapsedMilliseconds} ms; released {Released} acquired record(s) unstarted; exit code {ExitCode}")]
    public static partial void ShareRunFinished(ILogger logger, string worker, string groupId, string reason, int handled, long released, long elapsedMilliseconds, int exitCode);
}
