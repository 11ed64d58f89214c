namespace KafkaWorkers.Runtime;

/// <summary>Turns buffered messages into handler calls: deserialization, a DI scope, the handler, telemetry.</summary>
internal interface IMessageProcessor
{
    /// <summary>Gets how many messages one call takes at most: 1 for message handlers, the batch size for batch handlers.</summary>
    int BatchSize { get; }

    /// <summary>Handles messages of one partition, in offset order. Never throws: failures are returned.</summary>
    ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken);
}
