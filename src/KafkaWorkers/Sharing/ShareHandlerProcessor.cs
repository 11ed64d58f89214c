using KafkaWorkers.Diagnostics;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Sharing;

/// <summary>
/// Calls a share worker's handler, message or batch, through <see cref="ScopedProcessor"/> (a DI scope per call unless
/// the handler is a singleton, cancellation told apart from failure, the processing metrics), with each message's
/// delivery count.
/// </summary>
internal sealed class ShareHandlerProcessor<TKey, TValue>(
    IServiceProvider services,
    bool scopePerCall,
    MessageConverter<TKey, TValue> converter,
    Func<IServiceProvider, IReadOnlyList<KafkaMessage<TKey, TValue>>, CancellationToken, ValueTask> invoke,
    int batchSize,
    WorkerTelemetry telemetry,
    TimeProvider time) : ScopedProcessor(services, scopePerCall, telemetry, time)
{
    /// <summary>Gets the delivery count of an item read from a share group.</summary>
    internal static int DeliveryCountOf(WorkItem item) => item.Result is ShareConsumeResult share ? share.DeliveryCount : 0;

    public override int BatchSize => batchSize;

    protected override ValueTask InvokeAsync(IServiceProvider services, ArraySegment<WorkItem> items, CancellationToken cancellationToken)
    {
        var messages = new KafkaMessage<TKey, TValue>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var m = converter.Convert(items[i].Result);
            messages[i] = new KafkaMessage<TKey, TValue>(m.Topic, m.Partition, m.Offset, m.Key, m.Value, m.Headers, m.Timestamp)
            {
                DeliveryCount = DeliveryCountOf(items[i]),
            };
        }

        return invoke(services, messages, cancellationToken);
    }
}
