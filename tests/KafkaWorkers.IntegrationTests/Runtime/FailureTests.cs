using Confluent.Kafka;
using KafkaWorkers.Failures;
using KafkaWorkers.Health;
using KafkaWorkers.Hosting;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Runtime;

[Collection(KafkaCollection.Name)]
public sealed class FailureTests(KafkaFixture kafka, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => Environment.ExitCode = 0;

    [InProcessClusterFact]
    public async Task An_authorization_failure_stops_the_host_with_the_kafka_error_exit_code()
    {
        await using var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 1);
        cluster.CreateTopic("secret", partitions: 1);
        cluster.SetTopicError("secret", ErrorCode.TopicAuthorizationFailed);

        var host = await WorkerHost.StartAsync("a", cluster.BootstrapServers, "secret", KafkaFixture.NewGroupId(), new ProcessedLog(), new HandlerBehavior(), output);
        var stopping = host.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Eventually.HoldsAsync(() => stopping.IsCancellationRequested, "the worker stopped the application");
        await host.DisposeAsync();

        Assert.Equal(KafkaWorkerExitCodes.KafkaError, Environment.ExitCode);
    }

    [InProcessClusterFact]
    public async Task A_session_timeout_the_broker_refuses_stops_the_worker_at_once_naming_the_setting_and_the_allowed_range()
    {
        await using var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 1);
        cluster.CreateTopic("orders", partitions: 1);
        // What a real broker answers to a session.timeout.ms below its group.min.session.timeout.ms, on every JoinGroup.
        cluster.InjectRequestErrors(KafkaApiKey.JoinGroup, Enumerable.Repeat(ErrorCode.InvalidSessionTimeout, 1_000).ToArray());

        var host = await WorkerHost.StartAsync("a", cluster.BootstrapServers, "orders", KafkaFixture.NewGroupId(), new ProcessedLog(), new HandlerBehavior(), output,
            o => o.Consumer["session.timeout.ms"] = "3000");
        var stopping = host.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Eventually.HoldsAsync(() => stopping.IsCancellationRequested, "the worker stopped the application");
        cluster.ClearRequestErrors(KafkaApiKey.JoinGroup);
        await host.DisposeAsync();

        Assert.Equal(KafkaWorkerExitCodes.KafkaError, Environment.ExitCode);
        Assert.True(
            host.Logs.Contains(LogLevel.Critical, "session.timeout.ms = 3000 ms", "group.min.session.timeout.ms", "6000 to 1800000 ms", "Kafka:Workers:recording:Consumer:session.timeout.ms"),
            "the failure names the setting, its value and the broker's allowed range");
    }

    [InProcessClusterFact]
    public async Task The_kip_848_protocol_on_a_broker_without_it_stops_the_worker_at_once_saying_how_to_choose_classic()
    {
        await using var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 1);
        cluster.CreateTopic("orders", partitions: 1);
        // A broker older than Kafka 4.0: no ConsumerGroupHeartbeat.
        cluster.RemoveApi(KafkaApiKey.ConsumerGroupHeartbeat);

        var host = await WorkerHost.StartAsync("a", cluster.BootstrapServers, "orders", KafkaFixture.NewGroupId(), new ProcessedLog(), new HandlerBehavior(), output,
            o =>
            {
                o.GroupProtocol = KafkaGroupProtocol.Consumer;
                o.Consumer.Remove("session.timeout.ms");
                o.Consumer.Remove("heartbeat.interval.ms");
            });
        var stopping = host.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Eventually.HoldsAsync(() => stopping.IsCancellationRequested, "the worker stopped the application");
        await host.DisposeAsync();

        Assert.Equal(KafkaWorkerExitCodes.KafkaError, Environment.ExitCode);
        Assert.True(
            host.Logs.Contains(LogLevel.Critical, "KIP-848", "Kafka 4.0 or later", "Kafka:Workers:recording:GroupProtocol to Classic"),
            "the failure says what KIP-848 needs and how to choose the classic protocol");
    }

    [InProcessClusterFact]
    public async Task While_commits_fail_a_partition_takes_on_at_most_the_uncommitted_bound_and_goes_on_once_a_commit_succeeds()
    {
        await using var broker = await PrivateCluster.StartAsync("orders", partitions: 1, messages: 1);
        var (cluster, client) = (broker.Cluster, broker.Client);
        var log = new ProcessedLog();
        using var uncommitted = new MetricRecorder(KafkaWorkersTelemetry.UncommittedMessages);
        // The coordinator refuses every commit (as while it is down), until the errors are cleared.
        cluster.InjectRequestErrors(KafkaApiKey.OffsetCommit, Enumerable.Repeat(ErrorCode.Unknown, 10_000).ToArray());

        await using var host = await WorkerHost.StartAsync("a", cluster.BootstrapServers, "orders", KafkaFixture.NewGroupId(), log, new HandlerBehavior(), output, o =>
        {
            o.MaxUncommittedMessagesPerPartition = 50;
            o.CommitInterval = TimeSpan.FromMilliseconds(100);
        });
        await Eventually.HoldsAsync(() => log.Count == 1 && host.Logs.Contains(LogLevel.Warning, "could not commit"), "the first message was handled and its commit failed");

        // Messages that arrive once the commits are known to fail are taken on up to the bound and no further.
        await client.ProduceAsync("orders", 299);
        await Eventually.HoldsAsync(() => host.Logs.Contains(LogLevel.Information, "reach MaxUncommittedMessagesPerPartition (50) while its commits fail"), "the partition reached the bound");
        await Eventually.HoldsAsync(
            () =>
            {
                uncommitted.Observe();
                return uncommitted.Measurements.Any(m => m.Value == 50);
            },
            "the gauge reports the 50 uncommitted messages");

        // What is taken on is handled, and nothing beyond the bound, however long the commits fail.
        await Eventually.HoldsAsync(() => log.Count == 50, "the 50 messages taken on were handled");
        Assert.DoesNotContain(log.Entries, e => e.Offset >= 50);

        cluster.ClearRequestErrors(KafkaApiKey.OffsetCommit);
        await Eventually.HoldsAsync(() => log.DistinctCount() == 300, "the worker went on once a commit succeeded");
        Assert.Empty(log.Duplicates());
        Assert.All(uncommitted.Measurements, m => Assert.InRange(m.Value, 0, 50));
    }

    [InProcessClusterFact]
    public async Task While_commits_keep_up_the_uncommitted_bound_holds_no_partition_back()
    {
        // The first background commit comes only after ten minutes, so nothing is late and nothing has failed: a
        // partition whose rate times the commit interval exceeds the bound goes on without waiting for a commit.
        await using var broker = await PrivateCluster.StartAsync("orders", partitions: 1, messages: 300);
        var log = new ProcessedLog();
        var group = KafkaFixture.NewGroupId();
        using var uncommitted = new MetricRecorder(KafkaWorkersTelemetry.UncommittedMessages);

        var host = await WorkerHost.StartAsync("a", broker.BootstrapServers, "orders", group, log, new HandlerBehavior(), output, o =>
        {
            o.MaxUncommittedMessagesPerPartition = 50;
            o.CommitInterval = TimeSpan.FromMinutes(10);
        });
        await Eventually.HoldsAsync(() => log.Count == 300, "every message was handled");
        await Eventually.HoldsAsync(
            () =>
            {
                uncommitted.Observe();
                return uncommitted.Measurements.Any(m => m.Value == 300);
            },
            "the gauge reports the 300 messages taken on since the partition's last commit");
        await host.DisposeAsync();

        Assert.False(host.Logs.Contains(LogLevel.Information, "reach MaxUncommittedMessagesPerPartition"), "the partition was never paused for the bound");
        Assert.Empty(log.Duplicates());
        Assert.Equal(300, (await broker.Client.GetCommittedOffsetsAsync(group, "orders"))[0]);
    }

    [Fact]
    public async Task Under_the_stop_policy_a_failing_handler_stops_the_host_with_the_handler_exit_code_and_its_message_is_not_committed()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 10);
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) => m.Offset == 3 ? throw new InvalidOperationException("the handler failed") : Task.CompletedTask,
        };

        var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output, o =>
        {
            o.Failure.FinalAction = KafkaFailureAction.Stop;
            o.Failure.MaxAttempts = 2;
            o.Failure.InitialDelay = o.Failure.MaxDelay = TimeSpan.FromMilliseconds(10);
        });
        await WaitUntilTheWorkerStoppedTheHostAsync(host);

        Assert.Equal(KafkaWorkerExitCodes.HandlerFailed, Environment.ExitCode);
        Assert.Equal(new Dictionary<int, long> { [0] = 3 }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));
        Assert.DoesNotContain(log.Entries, e => e.Offset > 3);

        // The next run picks up exactly at the failed message.
        Environment.ExitCode = 0;
        await using var next = await WorkerHost.StartAsync("b", kafka.BootstrapServers, topic, group, log, new HandlerBehavior(), output);
        await Eventually.HoldsAsync(() => log.DistinctCount() == 10, "the next run handled the rest");
        Assert.Equal(3, log.Entries.First(e => e.Host == "b").Offset);
    }

    [Fact]
    public async Task A_handler_that_cannot_be_created_stops_the_host_with_the_handler_exit_code_without_retrying_dead_lettering_or_committing()
    {
        var (topic, group) = await kafka.CreateTopicWithDeadLetterTopicAsync();
        await kafka.Client.ProduceAsync(topic, 3);

        var host = await WorkerHost.StartAsync<UnconstructibleHandler>("a", kafka.BootstrapServers, topic, group, new ProcessedLog(), new HandlerBehavior(), output, DeadLetters.FastRetries);
        await WaitUntilTheWorkerStoppedTheHostAsync(host);

        Assert.Equal(KafkaWorkerExitCodes.HandlerFailed, Environment.ExitCode);
        Assert.Equal(1, UnconstructibleHandler.Attempts);
        Assert.Equal(new Dictionary<int, long> { [0] = -1 }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));
        Assert.Empty(await kafka.Client.ReadAllAsync(topic + ".dlq"));
    }

    [Fact]
    public async Task A_failure_predicate_that_throws_stops_the_host_with_the_handler_exit_code_and_its_message_is_not_committed()
    {
        var (topic, group) = await kafka.CreateTopicWithDeadLetterTopicAsync();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 5);
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) => m.Offset == 2 ? throw new InvalidOperationException("order 2 is broken") : Task.CompletedTask,
        };

        var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output, o =>
        {
            DeadLetters.FastRetries(o);
            o.Failure.IsPermanent = _ => throw new NullReferenceException("the predicate has a bug");
        });
        await WaitUntilTheWorkerStoppedTheHostAsync(host);

        Assert.Equal(KafkaWorkerExitCodes.HandlerFailed, Environment.ExitCode);
        Assert.Equal(new Dictionary<int, long> { [0] = 2 }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));
        Assert.DoesNotContain(log.Entries, e => e.Offset > 2);
        Assert.Empty(await kafka.Client.ReadAllAsync(topic + ".dlq"));
    }

    [Fact]
    public async Task A_dead_letter_the_topic_refuses_for_good_stops_the_host_without_committing_the_message_and_says_so_in_metrics_and_health()
    {
        var (topic, group) = await kafka.CreateTopicWithDeadLetterTopicAsync();
        var log = new ProcessedLog();
        // Offset 1 fits the topic, but its dead-letter record (the value and ten provenance headers) exceeds what the
        // dead-letter producer accepts: MsgSizeTooLarge, which no retry can fix.
        await kafka.Client.ProduceAsync(topic, 3, i => new() { Key = $"key-{i}", Value = i == 1 ? new string('x', 1_500) : $"value-{i}" });
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) => m.Offset == 1 ? throw new PermanentException("order 1 can never be handled") : Task.CompletedTask,
        };
        using var failures = new MetricRecorder(KafkaWorkersTelemetry.DeadLetterFailures);

        var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output, o =>
        {
            DeadLetters.FastRetries(o);
            o.Failure.Producer["message.max.bytes"] = "1000";
        });
        var status = host.Host.Services.GetRequiredService<KafkaWorkerStatusRegistry>().For("recording");
        await WaitUntilTheWorkerStoppedTheHostAsync(host);

        Assert.Equal(KafkaWorkerExitCodes.HandlerFailed, Environment.ExitCode);
        Assert.Equal(new Dictionary<int, long> { [0] = 1 }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));
        Assert.Equal([0], log.Entries.Select(e => e.Offset));
        Assert.Empty(await kafka.Client.ReadAllAsync(topic + ".dlq"));
        var failure = Assert.Single(failures.Measurements, m => Equals(m.Tags["messaging.consumer.group.name"], group));
        Assert.Equal("MsgSizeTooLarge", failure.Tags["error.type"]);
        Assert.Equal(false, failure.Tags["kafkaworkers.dead_letter.retried"]);
        var health = KafkaWorkerLivenessCheck.Evaluate(status, TimeSpan.FromMinutes(5));
        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("MsgSizeTooLarge", (string)health.Data["deadLetterError"], StringComparison.Ordinal);
    }

    [InProcessClusterFact]
    public async Task Lost_partitions_are_never_committed_and_their_late_completions_are_ignored()
    {
        await using var broker = await PrivateCluster.StartAsync("orders", partitions: 1, messages: 5);
        var (cluster, client) = (broker.Cluster, broker.Client);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var behavior = new HandlerBehavior
        {
            // The first delivery of offset 0 ignores cancellation and finishes late, after the partition was lost.
            BeforeAsync = (m, _) => m.Offset == 0 && Interlocked.Increment(ref calls) == 1
                ? started.TrySetResult() is var _ ? release.Task : Task.CompletedTask
                : Task.CompletedTask,
        };
        using var rebalances = new MetricRecorder(KafkaWorkersTelemetry.RebalanceEvents);

        await using var host = await WorkerHost.StartAsync("a", cluster.BootstrapServers, "orders", group, log, behavior, output,
            o => o.CommitInterval = TimeSpan.FromMilliseconds(100));
        await started.Task.WaitAsync(Eventually.DefaultTimeout);

        // The coordinator forgets the member: librdkafka reports the assignment as lost.
        cluster.InjectRequestErrors(KafkaApiKey.Heartbeat, ErrorCode.UnknownMemberId);
        await Eventually.HoldsAsync(() => rebalances.Sum("kafkaworkers.rebalance.kind", "lost") >= 1, "the partition was lost");
        release.SetResult();

        // The late completion is not committed, so the partition's next owner (here the same worker, rejoined) gets
        // offset 0 again.
        await Eventually.HoldsAsync(() => log.DistinctCount() == 5 && log.Entries.Count(e => e.Offset == 0) == 2, "offset 0 was delivered again and everything handled");
        await Eventually.HoldsAsync(
            async () => (await client.GetCommittedOffsetsAsync(group, "orders"))[0] == 5, "the rejoined worker committed everything");

        // The log says what really happens to a lost partition's uncommitted work, and promises no later commit.
        Assert.True(host.Logs.Contains(LogLevel.Warning, "lost 1 partition(s)", "handled again by their next owner"), "the lost partitions' log says their work is redone");
        Assert.False(host.Logs.Contains(LogLevel.Warning, "will be committed again later"), "no log promises a commit that cannot happen");
    }

    /// <summary>Waits until the worker stopped the application by itself, then disposes the host.</summary>
    private static async Task WaitUntilTheWorkerStoppedTheHostAsync(WorkerHost host)
    {
        var stopping = host.Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Eventually.HoldsAsync(() => stopping.IsCancellationRequested, "the worker stopped the application");
        await host.DisposeAsync();
    }

    /// <summary>A handler whose constructor always throws, as one with a dependency that cannot be created would.</summary>
    public sealed class UnconstructibleHandler : IKafkaHandler<string, string>
    {
        private static int _attempts;

        public UnconstructibleHandler()
        {
            Interlocked.Increment(ref _attempts);
            throw new InvalidOperationException("no connection string");
        }

        public static int Attempts => Volatile.Read(ref _attempts);

        public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
