using Confluent.Kafka;
using KafkaWorkers.Benchmarks.Infrastructure;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// Checks that rebalances and commits stay Confluent.Kafka's while the batch fast path reads: two consumers of one
/// group, each read by a <see cref="ConfluentBatchReader{TKey,TValue}"/>. The first must be assigned every partition
/// through its partitions-assigned handler; when the second joins, the first's partitions-revoked handler must give
/// some up and the second's assigned handler take them (cooperative-sticky: incremental), and the auto-commit of the
/// stored offsets must reach the first's offsets-committed handler.
/// </summary>
internal static class ConfluentBatchRebalanceCheck
{
    private const double TimeoutSeconds = 120;

    /// <summary>Runs the check on <paramref name="topic"/>; returns what each member's handlers saw.</summary>
    /// <exception cref="TimeoutException">A handler did not fire within two minutes.</exception>
    public static async Task<string> RunAsync(BenchCluster cluster, string topic, int partitions)
    {
        var group = BenchCluster.NewGroup("fastpath-rebalance");
        using var stop = new CancellationTokenSource();
        var first = new Member();
        var second = new Member();
        var firstRun = first.RunAsync(cluster, group, topic, stop.Token);
        Task? secondRun = null;
        try
        {
            await Wait.UntilAsync(() => first.Owned == partitions, $"the first fast-path member owns all {partitions} partitions", TimeoutSeconds);
            secondRun = second.RunAsync(cluster, group, topic, stop.Token);
            await Wait.UntilAsync(
                () => first.Revoked > 0 && second.Owned > 0 && first.Owned + second.Owned == partitions && first.Commits > 0,
                "the second member joined through Confluent's handlers (revoked from the first, assigned to the second) and a commit was reported",
                TimeoutSeconds);
        }
        finally
        {
            await stop.CancelAsync();
            await (secondRun is null ? firstRun : Task.WhenAll(firstRun, secondRun));
        }

        return $"first member: {first}; second member: {second}";
    }

    /// <summary>One consumer of the group, its handlers counting what Confluent.Kafka reported.</summary>
    private sealed class Member
    {
        private int _owned;
        private int _assigned;
        private int _revoked;
        private int _commits;
        private long _messages;

        public int Owned => Volatile.Read(ref _owned);

        public int Revoked => Volatile.Read(ref _revoked);

        public int Commits => Volatile.Read(ref _commits);

        public Task RunAsync(BenchCluster cluster, string group, string topic, CancellationToken cancellationToken) =>
            Task.Factory.StartNew(() => Run(cluster, group, topic, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        public override string ToString() =>
            $"{_assigned} partitions assigned, {_revoked} revoked, {_commits} commits reported, {Interlocked.Read(ref _messages)} messages read";

        private void Run(BenchCluster cluster, string group, string topic, CancellationToken cancellationToken)
        {
            using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig(cluster.LoopSettings(group)))
                .SetPartitionsAssignedHandler((_, partitions) =>
                {
                    Interlocked.Add(ref _assigned, partitions.Count);
                    Interlocked.Add(ref _owned, partitions.Count);
                })
                .SetPartitionsRevokedHandler((_, partitions) =>
                {
                    Interlocked.Add(ref _revoked, partitions.Count);
                    Interlocked.Add(ref _owned, -partitions.Count);
                })
                .SetOffsetsCommittedHandler((_, _) => Interlocked.Increment(ref _commits))
                .Build();
            consumer.Subscribe(topic);
            using (var reader = new ConfluentBatchReader<long, long>(consumer, ByteSumDeserializer.Instance, ByteSumDeserializer.Instance, ConfluentBatchLoop.BatchSize))
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Add(ref _messages, reader.Read(100));
                }
            }

            consumer.Close();
        }
    }
}
