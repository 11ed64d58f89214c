using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using KafkaWorkers.Failures;
using KafkaWorkers.IntegrationTests.Infrastructure;
using static KafkaWorkers.IntegrationTests.Infrastructure.DeadLetters;

namespace KafkaWorkers.IntegrationTests.Failures;

[Collection(KafkaCollection.Name)]
public sealed class TracingTests(KafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task A_traceparent_header_becomes_the_parent_of_the_handler_activity_and_the_dead_letter_carries_the_trace_on()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        await kafka.Broker.CreateTopicAsync(topic + ".dlq", 1, CancellationToken.None);
        var group = KafkaFixture.NewGroupId();
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KafkaWorkersTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var traceId = ActivityTraceId.CreateRandom();
        var spanId = ActivitySpanId.CreateRandom();
        var seen = new ConcurrentDictionary<long, Activity?>();
        var behavior = new HandlerBehavior
        {
            BeforeAsync = (m, _) =>
            {
                seen[m.Offset] = Activity.Current;
                return m.Offset == 1 ? throw new PermanentException("no") : Task.CompletedTask;
            },
        };
        await kafka.Client.ProduceAsync(topic, 2, i => new Message<string?, string?>
        {
            Key = "k",
            Value = $"v{i}",
            Headers = new Headers { { "traceparent", Encoding.UTF8.GetBytes($"00-{traceId}-{spanId}-01") } },
        });

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, new ProcessedLog(), behavior, output, FastRetries);
        await Eventually.HoldsAsync(async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 2, "both messages were committed");

        var handled = seen[0]!;
        Assert.Equal($"process {topic}", handled.DisplayName);
        Assert.Equal(ActivityKind.Consumer, handled.Kind);
        Assert.Equal(traceId, handled.TraceId);
        Assert.Equal(spanId, handled.ParentSpanId);
        Assert.Equal("kafka", handled.GetTagItem("messaging.system"));
        Assert.Equal("process", handled.GetTagItem("messaging.operation.type"));
        Assert.Equal(topic, handled.GetTagItem("messaging.destination.name"));
        Assert.Equal(group, handled.GetTagItem("messaging.consumer.group.name"));
        Assert.Equal("0", handled.GetTagItem("messaging.destination.partition.id"));
        Assert.Equal(0L, handled.GetTagItem("messaging.kafka.offset"));

        var failed = seen[1]!;
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        var record = Assert.Single(await kafka.Client.ReadAllAsync(topic + ".dlq"));
        Assert.Equal($"00-{traceId}-{failed.SpanId}-01", Header(record, "traceparent"));
        Assert.Contains(stopped, a => a.SpanId == failed.SpanId);
    }
}
