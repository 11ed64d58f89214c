using KafkaWorkers.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Runtime;

/// <summary>
/// What message and batch processors share: a DI scope per call, telling cancellation apart from failure, and the
/// processing metrics.
/// </summary>
internal abstract class ScopedProcessor(IServiceScopeFactory scopes, WorkerTelemetry telemetry, TimeProvider time) : IMessageProcessor
{
    public abstract int BatchSize { get; }

    public async ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        Exception? error = null;
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await InvokeAsync(scope.ServiceProvider, items, cancellationToken).ConfigureAwait(false);
            }

            return ProcessingResult.Completed;
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            error = e;
            return ProcessingResult.Cancelled;
        }
        catch (Exception e)
        {
            error = e;
            return new ProcessingResult(ProcessingStatus.Failed, e);
        }
        finally
        {
            var first = items[0].Result;
            telemetry.MessagesProcessed(first.Topic, first.Partition.Value, items.Count, time.GetElapsedTime(start), error);
        }
    }

    /// <summary>Resolves the handler from the scope and calls it.</summary>
    protected abstract ValueTask InvokeAsync(IServiceProvider services, ArraySegment<WorkItem> items, CancellationToken cancellationToken);
}
