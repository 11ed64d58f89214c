using KafkaWorkers.Lag;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Tests.Lag;

/// <summary>One worker's poller with a scripted reader: the snapshot, staleness, and one warning per failure streak.</summary>
public sealed class KafkaLagPollerTests
{
    // The worked example of docs/lag.md: committed 100, 100, 50, 0, none, none of 100 each; lagThreshold 50.
    private static readonly KafkaPartitionOffsets[] Offsets = LagWorkedExampleTests.Offsets;

    private readonly Queue<Func<KafkaPartitionOffsets[]>> _reads = new();
    private readonly ManualClock _clock = new();
    private readonly EventLogger _logger = new();

    [Fact]
    public async Task A_read_publishes_the_models_numbers_and_the_replicas_KEDA_settles_at()
    {
        using var poller = NewPoller();
        Assert.Null(poller.Snapshot);
        _reads.Enqueue(() => Offsets);

        await poller.PollOnceAsync(CancellationToken.None);

        var snapshot = poller.Snapshot!;
        Assert.Equal(("orders-worker", "orders-group"), (snapshot.Worker, snapshot.GroupId));
        Assert.Equal([0L, 0, 50, 100, 1, 1], snapshot.Partitions.Select(p => p.Lag));
        Assert.Equal(Offsets, snapshot.Partitions.Select(p => p.Offsets));

        // 152 in total, below the cap of 6 × 50; replicas 0 → 1 → ceil(152 / 50) = 4, stable at 4 (ratio 0.76).
        Assert.Equal((152L, 152L, true, 4, 50L), (snapshot.TotalLag, snapshot.MetricValue, snapshot.IsActive, snapshot.PredictedReplicas, snapshot.LagThreshold));
        Assert.Equal((_clock.Now, false, (string?)null), (snapshot.TakenAt, snapshot.IsStale, snapshot.LastError));

        // Why 4, computed with the numbers, and logged at debug.
        Assert.Equal(
            "4 replicas: metric 152 / lagThreshold 50 → 4; the HPA stays at any count from 3 to 4 at this metric (tolerance 0.1); " +
            "cap of 6 partitions not reached; active: activity 152 over activationLagThreshold 0; " +
            "orders [4, 5]: no committed offset: counts 1 (offsetResetPolicy latest)",
            snapshot.Explanation.Summary);
        Assert.Equal(
            [KedaScalingReasonCodes.MetricProposal, KedaScalingReasonCodes.ToleranceBand, KedaScalingReasonCodes.NoCommitCountsOne,
                KedaScalingReasonCodes.NoCommitCountsOne, KedaScalingReasonCodes.CapNotReached, KedaScalingReasonCodes.Active],
            snapshot.Explanation.Reasons.Select(r => r.Code));
        Assert.Equal([103], _logger.EventIds);
        Assert.Equal(LogLevel.Debug, _logger.LastLevel);
        Assert.Equal(snapshot.Explanation.Summary, _logger.Last("Explanation"));
    }

    [Fact]
    public async Task Failed_reads_keep_the_snapshot_marked_stale_and_warn_once_per_failure_streak()
    {
        using var poller = NewPoller();
        _reads.Enqueue(() => throw new InvalidOperationException("down before the first read"));
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Null(poller.Snapshot);
        Assert.Equal([101], _logger.EventIds);

        _reads.Enqueue(() => Offsets);
        await poller.PollOnceAsync(CancellationToken.None);
        var fresh = poller.Snapshot!;
        Assert.Equal([101, 102, 103], _logger.EventIds);

        _clock.Now += TimeSpan.FromSeconds(10);
        for (var i = 0; i < 3; i++)
        {
            _reads.Enqueue(() => throw new TimeoutException("broker down"));
            await poller.PollOnceAsync(CancellationToken.None);
        }

        var stale = poller.Snapshot!;
        Assert.Equal(fresh with { IsStale = true, LastError = "broker down" }, stale);
        Assert.Equal(fresh.TakenAt, stale.TakenAt);
        Assert.Equal([101, 102, 103, 101], _logger.EventIds);

        _reads.Enqueue(() => Offsets);
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal((false, _clock.Now, (string?)null), (poller.Snapshot!.IsStale, poller.Snapshot.TakenAt, poller.Snapshot.LastError));
        Assert.Equal([101, 102, 103, 101, 102, 103], _logger.EventIds);
        Assert.Equal("3", _logger.Last("Failures"));

        // A new streak warns again.
        _reads.Enqueue(() => throw new TimeoutException("down again"));
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.Equal([101, 102, 103, 101, 102, 103, 101], _logger.EventIds);
    }

    [Fact]
    public async Task A_model_error_counts_as_a_failed_read()
    {
        // partitionLimitation 7 selects none of the 6 partitions: KEDA reports a scaler error.
        using var poller = NewPoller(o => o.Trigger.PartitionLimitation = "7");
        _reads.Enqueue(() => Offsets);

        await poller.PollOnceAsync(CancellationToken.None);

        Assert.Null(poller.Snapshot);
        Assert.Equal([101], _logger.EventIds);
    }

    [Fact]
    public async Task Cancellation_is_not_a_failed_read()
    {
        using var poller = NewPoller();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        _reads.Enqueue(() => throw new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poller.PollOnceAsync(cancelled.Token));
        Assert.Empty(_logger.EventIds);
    }

    private KafkaLagPoller NewPoller(Action<KafkaLagOptions>? configure = null)
    {
        var options = new KafkaLagOptions { Trigger = { Topic = "orders", LagThreshold = 50 } };
        configure?.Invoke(options);
        return new KafkaLagPoller("orders-worker", "orders-group", options, _ => Task.FromResult(_reads.Dequeue()()), _clock, _logger);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Keeps the event id of every message logged, the last value logged for each key and the last level.</summary>
    private sealed class EventLogger : ILogger
    {
        private readonly Dictionary<string, object?> _lastValues = [];

        public List<int> EventIds { get; } = [];

        public LogLevel? LastLevel { get; private set; }

        public string? Last(string key) => _lastValues.GetValueOrDefault(key)?.ToString();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            EventIds.Add(eventId.Id);
            LastLevel = logLevel;
            foreach (var (key, value) in state as IReadOnlyList<KeyValuePair<string, object?>> ?? [])
            {
                _lastValues[key] = value;
            }
        }
    }
}
