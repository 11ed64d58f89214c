using System.Collections.Concurrent;
using System.Diagnostics;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>
/// What a benchmark handler sees: how many messages it handled, when the last was, and optionally when each was; it
/// stops its <see cref="RunMeter"/> when the target count is reached.
/// </summary>
public sealed class Probe(long target, TimeSpan delay = default, bool recordTimes = false, RunMeter? meter = null)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<(int Partition, long Timestamp)> _times = new();
    private long _count;
    private long _last;

    public TimeSpan Delay { get; } = delay;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Gets the timestamp (<see cref="Stopwatch.GetTimestamp"/>) of the last handled message.</summary>
    public long LastTimestamp => Interlocked.Read(ref _last);

    public Task Reached => _reached.Task;

    /// <summary>Gets when each message was handled, by partition (only when recording times).</summary>
    public IReadOnlyCollection<(int Partition, long Timestamp)> Times => _times;

    public void Record(int partition)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _last, now);
        if (recordTimes)
        {
            _times.Enqueue((partition, now));
        }

        if (Interlocked.Increment(ref _count) == target)
        {
            meter?.Stop();
            _reached.TrySetResult();
        }
    }
}
