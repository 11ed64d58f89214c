using System.Diagnostics;
using Confluent.Kafka;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>
/// A plain Confluent.Kafka consumer in a group, polling on its own thread, that consumes and stores offsets and
/// records when its assignment changes: the "second consumer" of the shutdown and rebalance scenarios.
/// </summary>
public sealed class AssignmentWatcher : IDisposable
{
    private readonly HashSet<int> _assigned = [];
    private readonly object _sync = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly int _partitions;
    private long _fullAt;

    public AssignmentWatcher(BenchCluster cluster, string topic, string groupId, GroupMode mode, int partitions)
    {
        _partitions = partitions;
        var settings = new Dictionary<string, string>(cluster.GroupTimeouts, StringComparer.Ordinal);
        mode.Apply(settings);
        var config = new ConsumerConfig(settings)
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = groupId,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        var consumer = new ConsumerBuilder<Ignore, Ignore>(config)
            .SetPartitionsAssignedHandler((_, added) => Change(added, add: true))
            .SetPartitionsRevokedHandler((_, removed) => Change(removed.Select(p => p.TopicPartition), add: false))
            .SetPartitionsLostHandler((_, lost) => Change(lost.Select(p => p.TopicPartition), add: false))
            .Build();
        consumer.Subscribe(topic);
        _thread = new Thread(() => Poll(consumer)) { IsBackground = true, Name = "bench-watcher" };
        _thread.Start();
    }

    public int AssignedCount
    {
        get
        {
            lock (_sync)
            {
                return _assigned.Count;
            }
        }
    }

    /// <summary>Gets when the watcher last came to hold every partition (<see cref="Stopwatch.GetTimestamp"/>), or 0.</summary>
    public long FullAssignmentTimestamp => Interlocked.Read(ref _fullAt);

    public void ResetFullAssignment() => Interlocked.Exchange(ref _fullAt, 0);

    private void Change(IEnumerable<TopicPartition> partitions, bool add)
    {
        lock (_sync)
        {
            foreach (var partition in partitions)
            {
                _ = add ? _assigned.Add(partition.Partition.Value) : _assigned.Remove(partition.Partition.Value);
            }

            if (_assigned.Count == _partitions)
            {
                Interlocked.Exchange(ref _fullAt, Stopwatch.GetTimestamp());
            }
        }
    }

    private void Poll(IConsumer<Ignore, Ignore> consumer)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(50));
                if (result is not null)
                {
                    consumer.StoreOffset(result);
                }
            }

            consumer.Close();
        }
        finally
        {
            consumer.Dispose();
        }
    }

    /// <summary>Leaves the group (a graceful close) and waits for the poll thread to end.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
