using KafkaWorkers.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Runtime;

/// <summary>
/// What message and batch processors share: a DI scope per call (or none, for a handler registered as a singleton),
/// telling cancellation apart from failure, telling a handler that cannot be created apart from one that fails, and the
/// processing duration of each call.
/// </summary>
internal abstract class ScopedProcessor : IMessageProcessor
{
    private readonly IServiceProvider _services;
    private readonly IServiceScopeFactory? _scopes;
    private readonly WorkerTelemetry _telemetry;
    private readonly TimeProvider _time;

    /// <param name="services">The application's provider.</param>
    /// <param name="scopePerCall">
    /// Whether each call runs in a new scope of <paramref name="services"/>, disposed when the call ends; otherwise the
    /// handler is resolved from <paramref name="services"/> itself (a singleton handler).
    /// </param>
    /// <param name="telemetry">The worker's telemetry.</param>
    /// <param name="time">The clock of the processing duration.</param>
    protected ScopedProcessor(IServiceProvider services, bool scopePerCall, WorkerTelemetry telemetry, TimeProvider time)
    {
        _services = services;
        _scopes = scopePerCall ? services.GetRequiredService<IServiceScopeFactory>() : null;
        _telemetry = telemetry;
        _time = time;
    }

    public abstract int BatchSize { get; }

    public async ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        Exception? error = null;
        try
        {
            if (_scopes is null)
            {
                await InvokeAsync(_services, items, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Disposed by hand: `await using (scope.ConfigureAwait(false))` would box the AsyncServiceScope struct.
                var scope = _scopes.CreateAsyncScope();
                try
                {
                    await InvokeAsync(scope.ServiceProvider, items, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await scope.DisposeAsync().ConfigureAwait(false);
                }
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
            _telemetry.Processed(first.Topic, first.Partition.Value, _time.GetElapsedTime(start), error);
        }
    }

    /// <summary>Resolves the handler from the call's services (with <see cref="Activate{THandler}"/>) and calls it.</summary>
    protected abstract ValueTask InvokeAsync(IServiceProvider services, ArraySegment<WorkItem> items, CancellationToken cancellationToken);

    /// <summary>Resolves the handler from the call's services.</summary>
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
