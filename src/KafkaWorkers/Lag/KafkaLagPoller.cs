using KafkaWorkers.Diagnostics;
using Microsoft.Extensions.Logging;
using static System.FormattableString;

namespace KafkaWorkers.Lag;

/// <summary>
/// Monitors one worker's lag: every poll interval it reads the offsets, evaluates KEDA's model and publishes an immutable
/// snapshot. A failed read keeps the previous snapshot, marked stale, and is logged once per failure streak; nothing is
/// ever thrown into the worker or the host.
/// </summary>
internal sealed class KafkaLagPoller : IDisposable
{
    /// <summary>How many HPA syncs the replica prediction simulates at most; it settles after two or three.</summary>
    private const int MaxPredictionSteps = 16;

    private readonly string _worker;
    private readonly string _groupId;
    private readonly KafkaLagOptions _options;
    private readonly KedaKafkaScalerModel _model;
    private readonly Func<CancellationToken, Task<KafkaPartitionOffsets[]>> _read;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IDisposable? _resources;
    private readonly CancellationTokenSource _stopping = new();
    private KafkaLagSnapshot? _snapshot;
    private int _failures;
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    /// <param name="worker">The worker's name.</param>
    /// <param name="groupId">The worker's consumer group.</param>
    /// <param name="options">The validated lag options.</param>
    /// <param name="read">Reads every partition's offsets; <see cref="KafkaOffsetsReader.ReadAsync"/> outside tests.</param>
    /// <param name="time">The clock for the interval and the snapshots' timestamps.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="resources">What the reads use (the Kafka clients), disposed once the loop has ended.</param>
    public KafkaLagPoller(
        string worker,
        string groupId,
        KafkaLagOptions options,
        Func<CancellationToken, Task<KafkaPartitionOffsets[]>> read,
        TimeProvider time,
        ILogger logger,
        IDisposable? resources = null)
    {
        _worker = worker;
        _groupId = groupId;
        _options = options;
        _model = new KedaKafkaScalerModel(options.Trigger);
        _read = read;
        _time = time;
        _logger = logger;
        _resources = resources;
    }

    /// <summary>Gets the latest snapshot, or <see langword="null"/> before the first successful read.</summary>
    public KafkaLagSnapshot? Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Starts reading now and every poll interval, on the thread pool; returns at once.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Stops the loop and waits for the read in progress, at most until <paramref name="cancellationToken"/> fires.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown deadline passed; the read ends on its own timeout.
        }
    }

    /// <summary>
    /// Stops the loop and, once it has ended, disposes the reader's resources: a read still in progress past the host's
    /// shutdown deadline never sees its clients disposed under it.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _loop.ContinueWith(
            static (_, state) => ((KafkaLagPoller)state!).Release(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Reads the offsets once and publishes a new snapshot, or marks the current one stale.</summary>
    internal async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        KafkaLagSnapshot snapshot;
        try
        {
            snapshot = Evaluate(await _read(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A failed read never reaches the worker or the host: it shows as the stale flag, the growing snapshot age
            // and one warning per failure streak.
            if (++_failures == 1)
            {
                Log.LagReadFailed(_logger, _worker, _groupId, exception);
            }

            var previous = Snapshot;
            if (previous is not null)
            {
                Volatile.Write(ref _snapshot, previous with { IsStale = true, LastError = exception.Message });
            }

            return;
        }

        if (_failures > 0)
        {
            Log.LagReadRecovered(_logger, _worker, _groupId, _failures);
            _failures = 0;
        }

        Volatile.Write(ref _snapshot, snapshot);
        Log.LagExplained(_logger, _worker, _groupId, snapshot.Explanation.Summary);
    }

    /// <summary>
    /// The replica count KEDA and the HPA settle at for a result: from zero replicas, one KEDA cycle and HPA sync after
    /// another until the count no longer changes, with the cooldown elapsed. The HPA's stabilization windows and rate
    /// policies delay that count but do not change it; a direction the behavior disables stops the HPA where it is.
    /// </summary>
    /// <param name="result">The scaler's result.</param>
    /// <param name="lagThreshold">The trigger's <c>lagThreshold</c>.</param>
    /// <param name="settings">The ScaledObject's settings.</param>
    /// <param name="reasons">
    /// Receives the reasons of the last cycle, the one that left the count where it is (the earlier cycles only lead
    /// there), then <see cref="KedaScalingReasonCodes.ScalingDisabled"/> if the behavior stopped the HPA, and
    /// <see cref="KedaScalingReasonCodes.ToleranceBand"/> if the HPA's tolerance would also keep other counts.
    /// </param>
    internal static int PredictReplicas(
        KedaKafkaScalerResult result, long lagThreshold, KedaScaledObjectSettings settings, ICollection<KedaScalingReason>? reasons = null)
    {
        KedaReplicaModel.Validate(lagThreshold, 0, settings);
        var behavior = HpaBehaviorRules.From(settings);
        var cycle = reasons is null ? null : new List<KedaScalingReason>();
        var replicas = 0;
        for (var step = 0; step < MaxPredictionSteps; step++)
        {
            cycle?.Clear();
            var next = KedaReplicaModel.DesiredReplicas(result.MetricValue, lagThreshold, replicas, result.IsActive, cooldownElapsed: true, settings, cycle);
            if (next == replicas)
            {
                break;
            }

            if (behavior is not null && IsDisabledForTheHpa(behavior, replicas, next, result, settings))
            {
                var direction = next > replicas ? "scale-up" : "scale-down";
                cycle?.Add(KedaScalingReason.Of(
                    KedaScalingReasonCodes.ScalingDisabled, Invariant($"{direction} disabled (selectPolicy Disabled): stays at {replicas}")));
                break;
            }

            replicas = next;
        }

        if (reasons is not null)
        {
            foreach (var reason in cycle!)
            {
                reasons.Add(reason);
            }

            AddToleranceBand(result, lagThreshold, settings, replicas, reasons);
        }

        return replicas;
    }

    /// <summary>
    /// Adds <see cref="KedaScalingReasonCodes.ToleranceBand"/> when the HPA, asked at a neighbouring count, would keep it:
    /// a target that got there (for example while scaling up step by step) stays below the predicted count.
    /// </summary>
    private static void AddToleranceBand(
        KedaKafkaScalerResult result, long lagThreshold, KedaScaledObjectSettings settings, int replicas, ICollection<KedaScalingReason> reasons)
    {
        if (replicas == 0 || KedaReplicaModel.KedaDecision(replicas, result.IsActive, cooldownElapsed: true, settings) is not null)
        {
            return;
        }

        bool Kept(int count) =>
            KedaReplicaModel.HpaDesiredReplicas(result.MetricValue, lagThreshold, count, settings) == count;

        var low = replicas;
        while (low > 1 && Kept(low - 1))
        {
            low--;
        }

        var high = replicas;
        while (high < settings.MaxReplicaCount && Kept(high + 1))
        {
            high++;
        }

        if (low < high)
        {
            reasons.Add(KedaScalingReason.Of(
                KedaScalingReasonCodes.ToleranceBand,
                Invariant($"the HPA stays at any count from {low} to {high} at this metric (tolerance {settings.Tolerance})")));
        }
    }

    /// <summary>
    /// Whether the move is the HPA's and its behavior disables that direction: stabilization windows and rate policies
    /// only delay the count this prediction settles at, but <c>selectPolicy: Disabled</c> stops the HPA there.
    /// </summary>
    private static bool IsDisabledForTheHpa(
        HpaBehaviorRules behavior, int replicas, int next, KedaKafkaScalerResult result, KedaScaledObjectSettings settings) =>
        KedaReplicaModel.KedaDecision(replicas, result.IsActive, cooldownElapsed: true, settings) is null
        && (next > replicas ? behavior.ScaleUp : behavior.ScaleDown).SelectPolicy == HpaSelectPolicy.Disabled;

    private KafkaLagSnapshot Evaluate(KafkaPartitionOffsets[] offsets)
    {
        var lags = new KedaKafkaPartitionLag[offsets.Length];
        var scalerReasons = new List<KedaScalingReason>();
        var result = _model.Evaluate(offsets, lags, scalerReasons);
        var replicaReasons = new List<KedaScalingReason>();
        var predicted = PredictReplicas(result, _model.LagThreshold, _options.ScaledObject, replicaReasons);
        return new KafkaLagSnapshot
        {
            Worker = _worker,
            GroupId = _groupId,
            Partitions = Array.AsReadOnly(lags),
            Result = result,
            LagThreshold = _model.LagThreshold,
            PredictedReplicas = predicted,
            Explanation = KedaScalingExplanation.Create(predicted, [.. replicaReasons, .. scalerReasons]),
            TakenAt = _time.GetUtcNow(),
        };
    }

    private void Release()
    {
        _stopping.Dispose();
        _resources?.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(_options.PollInterval, _time);
            do
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }
}
