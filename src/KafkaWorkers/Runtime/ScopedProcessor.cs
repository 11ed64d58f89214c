using KafkaWorkers.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Runtime;

/// <summary>
/// What message and batch processors share: a DI scope per call, telling cancellation apart from failure, telling a
/// handler that cannot be created apart from one that fails, and the processing duration of each call.
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
            telemetry.Processed(first.Topic, first.Partition.Value, time.GetElapsedTime(start), error);
        }
    }

    /// <summary>Resolves the handler from the scope (with <see cref="Activate{THandler}"/>) and calls it.</summary>
    protected abstract ValueTask InvokeAsync(IServiceProvider services, ArraySegment<WorkItem> items, CancellationToken cancellationToken);

    /// <summary>Resolves the handler from the call's scope.</summary>
    /// <exception cref="HandlerActivationException">The handler is not registered, or creating it threw.</exception>
    protected static THandler Activate<THandler>(IServiceProvider services)
        where THandler : notnull
    {
        try
        {
            return services.GetRequiredService<THandler>();
        }
        catch (Exception e)
        {
            throw new HandlerActivationException(typeof(THandler), e);
        }
    }
}
