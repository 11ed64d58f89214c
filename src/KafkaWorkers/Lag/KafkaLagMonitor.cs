using KafkaWorkers.Diagnostics;
using KafkaWorkers.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Lag;

/// <summary>
/// The one hosted service that monitors the lag of every worker of the application (a poller per worker, each with its
/// own reader), and the <see cref="IKafkaLagMonitor"/> the application reads the snapshots from.
/// </summary>
internal sealed class KafkaLagMonitor : IKafkaLagMonitor, IHostedService, IDisposable
{
    private readonly IEnumerable<KafkaWorkerRegistration> _registrations;
    private readonly IOptionsMonitor<KafkaWorkerOptions> _workerOptions;
    private readonly IOptionsMonitor<KafkaLagOptions> _lagOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private SortedDictionary<string, KafkaLagPoller> _pollers = new(StringComparer.Ordinal);

    public KafkaLagMonitor(
        IEnumerable<KafkaWorkerRegistration> registrations,
        IOptionsMonitor<KafkaWorkerOptions> workerOptions,
        IOptionsMonitor<KafkaLagOptions> lagOptions,
        KafkaWorkersMetrics metrics,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        _registrations = registrations;
        _workerOptions = workerOptions;
        _lagOptions = lagOptions;
        _time = time;
        _logger = loggerFactory.CreateLogger("KafkaWorkers.Lag");
        metrics.ObserveLag(new KafkaLagMeasurements(GetSnapshots, time));
    }

    /// <summary>Gets or sets how environment variables are read (the worker's client id); replaced in tests.</summary>
    internal Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    public IReadOnlyCollection<string> Workers => Volatile.Read(ref _pollers).Keys;

    public KafkaLagSnapshot? GetSnapshot(string worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return Volatile.Read(ref _pollers).TryGetValue(worker, out var poller) ? poller.Snapshot : null;
    }

    public IReadOnlyList<KafkaLagSnapshot> GetSnapshots() =>
        [.. Volatile.Read(ref _pollers).Values.Select(p => p.Snapshot).OfType<KafkaLagSnapshot>()];

    /// <summary>Validates every worker's lag options (a bad one fails start-up) and starts a poller per enabled worker.</summary>
    /// <exception cref="OptionsValidationException">A worker's lag options are invalid.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Every worker's options first: a bad one fails start-up before any client exists.
        var monitored = _registrations
            .Select(r => (r.Name, Lag: _lagOptions.Get(r.Name)))
            .Where(w => w.Lag.Enabled)
            .Select(w => (w.Name, w.Lag, Worker: _workerOptions.Get(w.Name)))
            .ToList();
        var pollers = new SortedDictionary<string, KafkaLagPoller>(StringComparer.Ordinal);
        foreach (var (name, lag, worker) in monitored)
        {
            var config = KafkaOffsetsReader.ConfigFor(ConsumerConfigFactory.Create(name, worker, Environment));
            var reader = new KafkaOffsetsReader(name, config, [.. worker.Topics], lag.ReadTimeout, _logger);
            pollers.Add(name, new KafkaLagPoller(name, config.GroupId, lag, reader.ReadAsync, _time, _logger, reader));
            Log.LagMonitorStarting(_logger, name, config.GroupId, string.Join(",", worker.Topics), lag.PollInterval);
        }

        Volatile.Write(ref _pollers, pollers);
        foreach (var poller in pollers.Values)
        {
            poller.Start();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Volatile.Read(ref _pollers).Values.Select(p => p.StopAsync(cancellationToken)));

    /// <remarks>The container disposes the monitor once per service it is registered as; the first call does the work.</remarks>
    public void Dispose()
    {
        foreach (var poller in Interlocked.Exchange(ref _pollers, new(StringComparer.Ordinal)).Values)
        {
            poller.Dispose();
        }
    }
}
