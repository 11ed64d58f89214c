using System.Diagnostics;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>
/// Measures one consumer run from its assignment to its last message: wall time, the process's CPU time, managed
/// bytes allocated, thread-pool work items completed and lock contentions. <see cref="Start"/> is called from the
/// assignment callback (only the first call counts), <see cref="Stop"/> when the last message is handled.
/// </summary>
public sealed class RunMeter
{
    private Sample? _start;
    private Sample? _end;

    public bool Started => Volatile.Read(ref _start) is not null;

    public void Start()
    {
        if (!Started)
        {
            Interlocked.CompareExchange(ref _start, Sample.Take(), null);
        }
    }

    public void Stop() => Interlocked.CompareExchange(ref _end, Sample.Take(), null);

    /// <summary>Gets what the run cost for <paramref name="messages"/> messages.</summary>
    /// <exception cref="InvalidOperationException">The run was not both started and stopped.</exception>
    public RunCost Cost(long messages)
    {
        var start = Volatile.Read(ref _start) ?? throw new InvalidOperationException("The run never saw its assignment.");
        var end = Volatile.Read(ref _end) ?? throw new InvalidOperationException("The run never saw its last message.");
        return new RunCost(
            messages,
            Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp),
            end.Cpu - start.Cpu,
            end.BrokerCpu - start.BrokerCpu,
            end.Allocated - start.Allocated,
            end.WorkItems - start.WorkItems,
            end.Contentions - start.Contentions);
    }

    private sealed record Sample(long Timestamp, TimeSpan Cpu, TimeSpan BrokerCpu, long Allocated, long WorkItems, long Contentions)
    {
        public static Sample Take()
        {
            using var process = Process.GetCurrentProcess();
            return new(
                Stopwatch.GetTimestamp(),
                process.TotalProcessorTime,
                Machine.InProcessBrokerCpu(),
                GC.GetTotalAllocatedBytes(precise: true),
                ThreadPool.CompletedWorkItemCount,
                Monitor.LockContentionCount);
        }
    }
}

/// <summary>What one consumer run cost, in total and per message.</summary>
/// <param name="Messages">Messages handled.</param>
/// <param name="Elapsed">From the assignment to the last message handled.</param>
/// <param name="Cpu">CPU time of the whole process (on the in-process cluster, the broker's threads included).</param>
/// <param name="BrokerCpu">CPU time of the in-process cluster's threads (0 against an external broker).</param>
/// <param name="Allocated">Managed bytes allocated by the process.</param>
/// <param name="WorkItems">Thread-pool work items completed (wake-ups of handler tasks, timers, continuations).</param>
/// <param name="Contentions">Times a thread found a <see cref="Monitor"/> lock taken and had to wait.</param>
public sealed record RunCost(long Messages, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan BrokerCpu, long Allocated, long WorkItems, long Contentions)
{
    public double MessagesPerSecond => Elapsed <= TimeSpan.Zero ? 0 : Messages / Elapsed.TotalSeconds;

    /// <summary>Gets the consumer's CPU time per message in microseconds: the process less the in-process broker.</summary>
    public double CpuMicrosecondsPerMessage => (Cpu - BrokerCpu).TotalMicroseconds / Messages;

    public double BrokerCpuMicrosecondsPerMessage => BrokerCpu.TotalMicroseconds / Messages;

    public double BytesPerMessage => (double)Allocated / Messages;

    public double WorkItemsPerMessage => (double)WorkItems / Messages;

    public double ContentionsPerMessage => (double)Contentions / Messages;
}
