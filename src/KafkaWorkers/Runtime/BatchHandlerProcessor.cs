using KafkaWorkers.Diagnostics;

namespace KafkaWorkers.Runtime;

/// <summary>Calls an <see cref="IKafkaBatchHandler{TKey,TValue}"/> with up to a batch of messages of one partition.</summary>
internal sealed class BatchHandlerProcessor<THandler, TKey, TValue>(
    IServiceProvider services,
    bool scopePerCall,
    MessageConverter<TKey, TValue> converter,
    WorkerTelemetry telemetry,
    TimeProvider time,
    int batchSize) : ScopedProcessor(services, scopePerCall, telemetry, time)
    where THandler : class, IKafkaBatchHandler<TKey, TValue>
{
    public override int BatchSize => batchSize;

    protected override ValueTask InvokeAsync(IServiceProvider services, ArraySegment<WorkItem> items, CancellationToken cancellationToken)
    {
        var messages = new KafkaMessage<TKey, TValue>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            messages[i] = converter.Convert(items[i].Result);
        }

        return Activate<THandler>(services).HandleAsync(messages, cancellationToken);
    }
}
