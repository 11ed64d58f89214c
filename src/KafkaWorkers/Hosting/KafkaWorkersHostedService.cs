using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Hosting;

/// <summary>
/// The one hosted service that owns every worker of the application (one hosted-service type per worker would be
/// de-duplicated by <c>AddHostedService</c>). It starts each worker's poll thread, watches each worker, stops the
/// application with the worker's exit code when one fails, and stops all workers in parallel within the host's
/// shutdown deadline, then flushes their dead-letter producers in parallel within the same deadline and disposes them.
/// </summary>
internal sealed class KafkaWorkersHostedService(
    IEnumerable<KafkaWorkerRegistration> registrations,
    IOptionsMonitor<KafkaWorkerOptions> options,
    IServiceProvider services,
    KafkaWorkersMetrics metrics,
    KafkaWorkerStatusRegistry statuses,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("KafkaWorkers");
    private readonly List<KafkaWorker> _workers = [];
    private readonly List<FailurePolicyProcessor> _processors = [];

    /// <summary>Gets or sets how environment variables are read (static membership); replaced in tests.</summary>
    internal Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// Starts every worker. When one cannot start, the workers already started are stopped (a host whose start failed
    /// does not stop its services) and the exception propagates.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var registration in registrations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var workerOptions = options.Get(registration.Name);
                var config = ConsumerConfigFactory.Create(registration.Name, workerOptions, Environment);
                var telemetry = new WorkerTelemetry(metrics, registration.Name, config.GroupId);
                var status = statuses.For(registration.Name);
                var processor = ProcessorFactory.Create(registration, workerOptions, config, services, telemetry, status, _logger);
                _processors.Add(processor);
                var worker = new KafkaWorker(registration.Name, workerOptions, config, processor, time, _logger, telemetry, status);
                worker.Start();
                _workers.Add(worker);
            }
        }
        catch
        {
            // Not bounded by the start token, which may be what failed: each worker's stop is bounded by its own timeouts.
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        // Only once the list is complete: OnRunCompleted reads it, and a worker may complete at once.
        foreach (var worker in _workers)
        {
            _ = worker.Completion.ContinueWith(
                OnWorkerFailed, worker, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (worker.RunsToCompletion)
            {
                _ = worker.Completion.ContinueWith(
                    _ => OnRunCompleted(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_workers.Select(w => w.StopAsync(cancellationToken))).ConfigureAwait(false);

        // Then the processors' dead-letter producers, all at once and within the host's deadline: every dead letter a
        // committed message needed was acknowledged already, so what is still queued only saves a redelivery.
        await Task.WhenAll(_processors.Select(p => p.FlushAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var processor in _processors)
        {
            processor.Dispose();
        }
    }

    /// <summary>
    /// When every run-to-completion worker has finished its run, stops the application with the run's exit code (the
    /// highest of them); workers without a run are then stopped gracefully with the host.
    /// </summary>
    private void OnRunCompleted()
    {
        var runs = _workers.Where(w => w.RunsToCompletion).ToList();
        if (runs.Any(w => w.Outcome is null || !w.Completion.IsCompleted))
        {
            return;
        }

        var exitCode = runs.Max(w => w.Outcome!.ExitCode);
        if (System.Environment.ExitCode == 0)
        {
            System.Environment.ExitCode = exitCode;
        }

        lifetime.StopApplication();
    }

    private void OnWorkerFailed(Task completion, object? state)
    {
        var worker = (KafkaWorker)state!;
        var failure = completion.Exception!.GetBaseException();
        var exitCode = failure is WorkerFailedException { ExitCode: var code } ? code : KafkaWorkerExitCodes.KafkaError;
        Log.WorkerFailed(_logger, worker.Name, options.Get(worker.Name).GroupId ?? string.Empty, failure);
        if (System.Environment.ExitCode == 0)
        {
            System.Environment.ExitCode = exitCode;
        }

        lifetime.StopApplication();
    }
}
