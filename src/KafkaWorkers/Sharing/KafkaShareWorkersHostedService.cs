using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Hosting;
using KafkaWorkers.Native;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Sharing;

/// <summary>
/// The one hosted service that owns every share worker of the application. At start it checks that librdkafka
/// exports the preview share consumer API (failing the start with a message naming what is missing), starts each
/// worker's members, and stops the application with the worker's exit code when one fails; at stop it stops all
/// share workers in parallel within the host's deadline, then disposes their dead-letter producers.
/// </summary>
internal sealed class KafkaShareWorkersHostedService(
    IEnumerable<KafkaShareWorkerRegistration> registrations,
    IOptionsMonitor<KafkaWorkerOptions> options,
    IServiceProvider services,
    KafkaWorkersMetrics metrics,
    ShareMetrics shareMetrics,
    KafkaWorkerStatusRegistry statuses,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IHostApplicationLifetime lifetime) : IHostedService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("KafkaWorkers");
    private readonly List<ShareWorker> _workers = [];
    private readonly List<DeadLetterProducer> _deadLetters = [];
    private readonly List<(ShareTelemetry Telemetry, ShareBacklog Backlog)> _backlogs = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _backlogReads = [];

    /// <summary>Gets the running share workers (for tests).</summary>
    internal IReadOnlyList<ShareWorker> Workers => _workers;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var all = registrations.ToList();
        if (all.Count > 0)
        {
            LibRdKafkaShare.EnsureAvailable();
        }

        foreach (var registration in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = registration.Name;
            var workerOptions = options.Get(name);
            var groupId = workerOptions.GroupId!;
            var settings = ShareConsumerSettings.Create(name, workerOptions, registration.Worker.Contract);
            var telemetry = new WorkerTelemetry(metrics, name, groupId);
            var deadLetters = new DeadLetterProducer(
                DeadLetterProducerConfig.Create(workerOptions, settings["client.id"]), name, telemetry, statuses.For(name), _logger, time);
            _deadLetters.Add(deadLetters);
            if (workerOptions.Failure.FinalAction != KafkaFailureAction.Skip)
            {
                deadLetters.Start();
            }

            var processor = ShareProcessorFactory.Create(registration.Worker, workerOptions, services, telemetry);
            var policy = new ShareAcknowledgementPolicy(processor, workerOptions.Failure, deadLetters, name, groupId, telemetry, _logger);
            var run = workerOptions.Completion is { IsEnabled: true } completion ? new ShareRun(completion, time) : null;
            var backlog = new ShareBacklog(name, settings, time, _logger);
            var shareTelemetry = new ShareTelemetry(shareMetrics, name, groupId, backlog);
            _backlogs.Add((shareTelemetry, backlog));
            var worker = new ShareWorker(name, groupId, workerOptions, settings, policy, processor.BatchSize, shareTelemetry, run, statuses.For(name), time, _logger);
            worker.Start();
            _workers.Add(worker);
            shareMetrics.Track(shareTelemetry);
            _backlogReads.Add(Task.Run(() => backlog.RunAsync(_stopping.Token), CancellationToken.None));
        }

        // Only once the list is complete: OnRunCompleted reads it, and a run may complete at once.
        foreach (var worker in _workers)
        {
            _ = worker.Completion.ContinueWith(
                OnWorkerFailed, worker, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (worker.Run is not null)
            {
                _ = worker.Completion.ContinueWith(
                    OnRunCompleted, worker, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_workers.Select(w => w.StopAsync(cancellationToken))).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_deadLetters.Select(d => d.FlushAsync(cancellationToken)).Append(Task.WhenAll(_backlogReads).WaitAsync(cancellationToken))).ConfigureAwait(false);
        foreach (var deadLetters in _deadLetters)
        {
            deadLetters.Dispose();
        }

        foreach (var (telemetry, backlog) in _backlogs)
        {
            shareMetrics.Untrack(telemetry);
            backlog.Dispose();
        }
    }

    /// <summary>
    /// Logs a finished run's summary; when every share worker with a run has finished it, stops the application with the
    /// highest of their exit codes, as consumer-group runs do.
    /// </summary>
    private void OnRunCompleted(Task completion, object? state)
    {
        var worker = (ShareWorker)state!;
        var run = worker.Run!;
        var (reason, exitCode) = worker.Outcome is { } outcome
            ? (outcome.Reason, outcome.ExitCode)
            : ("the host stopped the worker before its run ended", KafkaWorkerExitCodes.Success);
        Log.ShareRunFinished(_logger, worker.Name, worker.GroupId, reason, run.Handled, worker.ReleasedUnstarted, (long)run.Elapsed.TotalMilliseconds, exitCode);

        var runs = _workers.Where(w => w.Run is not null).ToList();
        if (runs.Any(w => w.Outcome is null || !w.Completion.IsCompleted))
        {
            return;
        }

        if (Environment.ExitCode == 0)
        {
            Environment.ExitCode = runs.Max(w => w.Outcome!.ExitCode);
        }

        lifetime.StopApplication();
    }

    private void OnWorkerFailed(Task completion, object? state)
    {
        var worker = (ShareWorker)state!;
        var failure = completion.Exception!.GetBaseException();
        var exitCode = failure is WorkerFailedException { ExitCode: var code } ? code : KafkaWorkerExitCodes.KafkaError;
        Log.WorkerFailed(_logger, worker.Name, worker.GroupId, failure);
        if (Environment.ExitCode == 0)
        {
            Environment.ExitCode = exitCode;
        }

        lifetime.StopApplication();
    }
}
