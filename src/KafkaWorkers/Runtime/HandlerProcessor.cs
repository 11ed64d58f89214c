using KafkaWorkers.Diagnostics;

namespace KafkaWorkers.Runtime;

/// <summary>Calls an <see cref="IKafkaHandler{TKey,TValue}"/> for one message at a time.</summary>
internal sealed class HandlerProcessor<THandler, TKey, TValue>(
    IServiceProvider services,
    bool scopePerCall,
    MessageConverter<TKey, TValue> converter,
    WorkerTelemetry telemetry,
    TimeProvider time) : ScopedProcessor(services, scopePerCall, telemetry, time)
    where THandler : class, IKafkaHandler<TKey, TValue>
{
    public override int BatchSize => 1;

    protected override ValueTask InvokeAsync(IServiceProvider services, ArraySegment<WorkItem> items, CancellationToken cancellationToken)
    {
        var message = converter.Convert(items[0].Result);
        return Activate<THandler>(services).HandleAsync(message, cancellationToken);
    }
}
