using System.Text;
using Confluent.Kafka;
using KafkaWorkers.Failures;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Testing;
using Microsoft.Extensions.DependencyInjection;
using static KafkaWorkers.IntegrationTests.Infrastructure.DeadLetters;

namespace KafkaWorkers.IntegrationTests.Failures;

[Collection(KafkaCollection.Name)]
public sealed class FailurePolicyTests(KafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task A_handler_that_fails_twice_then_succeeds_handles_the_message_once_and_commits_it_without_dead_lettering()
    {
        var (topic, group) = await kafka.CreateTopicWithDeadLetterTopicAsync();
        var log = new ProcessedLog();
        var calls = 0;
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) => m.Offset == 2 && Interlocked.Increment(ref calls) <= 2 ? throw new TimeoutException("flaky") : Task.CompletedTask,
        };
        using var retries = new MetricRecorder(KafkaWorkersTelemetry.Retries);
        await kafka.Client.ProduceAsync(topic, 5);

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output, FastRetries);
        await Eventually.HoldsAsync(async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 5, "everything was committed");

        Assert.Equal(3, calls);
        Assert.Equal([0, 1, 2, 3, 4], log.Entries.Select(e => e.Offset));
        Assert.Equal(2, retries.Sum("messaging.destination.name", topic));
        Assert.Empty(await kafka.Client.ReadAllAsync(topic + ".dlq"));
    }

    [Fact]
    public async Task A_message_whose_handler_always_fails_is_dead_lettered_with_its_provenance_then_committed_and_the_worker_goes_on()
    {
        var (topic, group) = await kafka.CreateTopicWithDeadLetterTopicAsync();
        var log = new ProcessedLog();
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) => m.Offset == 2 ? throw new InvalidOperationException("order 2 is broken") : Task.CompletedTask,
        };
        await kafka.Client.ProduceAsync(topic, 5, i => new Message<string?, string?>
        {
            Key = $"key-{i}",
            Value = $"value-{i}",
            Headers = new Headers { { "app-header", Encoding.UTF8.GetBytes($"header-{i}") } },
        });

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output, FastRetries);
        await Eventually.HoldsAsync(async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 5, "the dead-lettered message was committed");

        var record = Assert.Single(await kafka.Client.ReadAllAsync(topic + ".dlq"));
        Assert.Equal("key-2", Text(record.Message.Key));
        Assert.Equal("value-2", Text(record.Message.Value));
        Assert.Equal("header-2", Header(record, "app-header"));
        Assert.Equal(topic, Header(record, KafkaDeadLetterHeaders.Topic));
        Assert.Equal("0", Header(record, KafkaDeadLetterHeaders.Partition));
        Assert.Equal("2", Header(record, KafkaDeadLetterHeaders.Offset));
        var original = (await kafka.Client.ReadAllAsync(topic))[2];
        Assert.Equal(original.Message.Timestamp.UnixTimestampMs.ToString(), Header(record, KafkaDeadLetterHeaders.Timestamp));
        Assert.Equal(group, Header(record, KafkaDeadLetterHeaders.ConsumerGroup));
        Assert.Equal("recording", Header(record, KafkaDeadLetterHeaders.Worker));
        Assert.Equal("handler", Header(record, KafkaDeadLetterHeaders.Reason));
        Assert.Equal(typeof(InvalidOperationException).FullName, Header(record, KafkaDeadLetterHeaders.ExceptionType));
        Assert.Equal("order 2 is broken", Header(record, KafkaDeadLetterHeaders.ExceptionMessage));
        Assert.Equal("3", Header(record, KafkaDeadLetterHeaders.Attempts));
        Assert.Equal([0, 1, 3, 4], log.Entries.Select(e => e.Offset));

        // The worker keeps going with later messages.
        await kafka.Client.ProduceAsync(topic, 3);
        await Eventually.HoldsAsync(async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 8, "later messages were committed");
        Assert.Equal(7, log.DistinctCount());
    }

    [InProcessClusterFact]
    public async Task While_the_dead_letter_topic_refuses_produces_transiently_the_message_is_not_committed_and_it_is_dead_lettered_once_they_succeed()
    {
        await using var cluster = KafkaFixture.StartPrivateCluster(brokerCount: 1);
        cluster.CreateTopic("orders", partitions: 1);
        cluster.CreateTopic("orders.dlq", partitions: 1);
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync("orders", 3);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) => m.Offset == 1 ? throw new PermanentException("order 1 can never be handled") : Task.CompletedTask,
        };
        using var failures = new MetricRecorder(KafkaWorkersTelemetry.DeadLetterFailures);
        // Too few in-sync replicas: retriable. librdkafka retries within message.timeout.ms, then the worker retries.
        cluster.InjectRequestErrors(KafkaApiKey.Produce, Enumerable.Repeat(ErrorCode.NotEnoughReplicas, 10_000).ToArray());

        await using var host = await WorkerHost.StartAsync("a", cluster.BootstrapServers, "orders", group, log, behavior, output, o =>
        {
            FastRetries(o);
            o.Failure.Producer["message.timeout.ms"] = "1000";
        });
        await Eventually.HoldsAsync(() => failures.Sum("messaging.consumer.group.name", group) >= 3, "dead-letter produces were refused a few times");
        await Eventually.HoldsAsync(async () => (await client.GetCommittedOffsetsAsync(group, "orders"))[0] == 1, "the message before the failed one was committed");

        Assert.Empty(await client.ReadAllAsync("orders.dlq"));
        Assert.Equal([0], log.Entries.Select(e => e.Offset));
        Assert.Equal(1, (await client.GetCommittedOffsetsAsync(group, "orders"))[0]);

        cluster.ClearRequestErrors(KafkaApiKey.Produce);
        await Eventually.HoldsAsync(async () => (await client.GetCommittedOffsetsAsync(group, "orders"))[0] == 3, "everything was committed once the dead letter was acknowledged");
        var record = Assert.Single(await client.ReadAllAsync("orders.dlq"));
        Assert.Equal("1", Header(record, KafkaDeadLetterHeaders.Offset));
        Assert.Equal("1", Header(record, KafkaDeadLetterHeaders.Attempts));
        Assert.Equal(typeof(PermanentException).FullName, Header(record, KafkaDeadLetterHeaders.ExceptionType));
        Assert.Equal([0, 2], log.Entries.Select(e => e.Offset));
    }

    [Fact]
    public async Task A_value_that_is_not_valid_json_is_dead_lettered_with_its_raw_bytes_and_never_reaches_the_handler()
    {
        var (topic, group) = await kafka.CreateTopicWithDeadLetterTopicAsync();
        var orders = new OrderLog();
        var poison = new byte[] { (byte)'{', (byte)'n', (byte)'o', 0xFF, 0x00 };
        await kafka.Client.ProduceAsync(topic, [new() { Key = "a", Value = """{"id":"a","amount":1}""" }]);
        using (var raw = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, Acks = Acks.All }).Build())
        {
            await raw.ProduceAsync(topic, new Message<string, byte[]> { Key = "b", Value = poison });
        }

        await kafka.Client.ProduceAsync(topic, [new() { Key = "c", Value = """{"id":"c","amount":3}""" }]);

        await using var host = await WorkerHost.StartAsync<OrderHandler>(
            "a", kafka.BootstrapServers, topic, group, new ProcessedLog(), new HandlerBehavior(), output, FastRetries, s => s.AddSingleton(orders));
        await Eventually.HoldsAsync(async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 3, "everything was committed");

        var record = Assert.Single(await kafka.Client.ReadAllAsync(topic + ".dlq"));
        Assert.Equal(poison, record.Message.Value);
        Assert.Equal("b", Text(record.Message.Key));
        Assert.Equal("value-deserialization", Header(record, KafkaDeadLetterHeaders.Reason));
        Assert.Equal("System.Text.Json.JsonException", Header(record, KafkaDeadLetterHeaders.ExceptionType));
        Assert.Equal("0", Header(record, KafkaDeadLetterHeaders.Attempts));
        Assert.Equal([0, 2], orders.Offsets);
    }

    [Fact]
    public async Task Under_the_skip_policy_a_failing_message_is_committed_without_a_dead_letter()
    {
        var (topic, group) = await kafka.CreateTopicWithDeadLetterTopicAsync();
        var log = new ProcessedLog();
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) => m.Offset == 0 ? throw new InvalidOperationException("skip me") : Task.CompletedTask,
        };
        using var skipped = new MetricRecorder(KafkaWorkersTelemetry.Skipped);
        await kafka.Client.ProduceAsync(topic, 3);

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output, o =>
        {
            FastRetries(o);
            o.Failure.FinalAction = KafkaFailureAction.Skip;
        });
        await Eventually.HoldsAsync(async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 3, "everything was committed");

        Assert.Equal(1, skipped.Sum("messaging.destination.name", topic));
        Assert.Equal([1, 2], log.Entries.Select(e => e.Offset));
        Assert.Empty(await kafka.Client.ReadAllAsync(topic + ".dlq"));
    }

    [Fact]
    public async Task A_retry_waiting_for_its_next_attempt_stops_at_shutdown_and_the_message_is_not_committed()
    {
        var (topic, group) = await kafka.CreateTopicWithDeadLetterTopicAsync();
        var log = new ProcessedLog();
        var calls = 0;
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) => m.Offset == 1 && Interlocked.Increment(ref calls) == 1 ? throw new TimeoutException("try later") : Task.CompletedTask,
        };
        await kafka.Client.ProduceAsync(topic, 3);

        var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output, o =>
        {
            o.CommitInterval = TimeSpan.FromMilliseconds(100);
            o.Failure.InitialDelay = o.Failure.MaxDelay = TimeSpan.FromMinutes(5);
        });
        await Eventually.HoldsAsync(() => Volatile.Read(ref calls) == 1, "the first attempt failed");
        var stopped = await host.StopAsync();
        await host.DisposeAsync();

        Assert.True(stopped < TimeSpan.FromSeconds(20), $"the stop took {stopped}");
        Assert.Equal(1, (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0]);
        Assert.Empty(await kafka.Client.ReadAllAsync(topic + ".dlq"));

        // The next run gets the message again.
        await using var next = await WorkerHost.StartAsync("b", kafka.BootstrapServers, topic, group, log, behavior, output, DeadLetters.FastRetries);
        await Eventually.HoldsAsync(async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 3, "the next run committed everything");
        Assert.Contains(log.Entries, e => e.Host == "b" && e.Offset == 1);
    }
}
