using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KafkaWorkers.Tests.Failures;

public sealed class DeadLetterProducerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<KafkaWorkersMetrics>().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_flush_ends_when_the_hosts_token_is_cancelled_though_records_are_still_queued()
    {
        // No broker answers and records never time out: only the token can end the flush.
        var config = new ProducerConfig { BootstrapServers = "127.0.0.1:1", MessageTimeoutMs = 600_000 };
        var telemetry = new WorkerTelemetry(_services.GetRequiredService<KafkaWorkersMetrics>(), "orders", "group");
        using var producer = new DeadLetterProducer(config, "orders", telemetry, new WorkerStatus("orders", TimeProvider.System), NullLogger.Instance, TimeProvider.System)
        {
            FlushTimeout = Timeout.InfiniteTimeSpan,
        };
        using var stopProducing = new CancellationTokenSource();
        var produce = producer.ProduceAsync("orders.dlq", new Message<byte[]?, byte[]?> { Value = [1, 2, 3] }, stopProducing.Token);

        using var hostDeadline = new CancellationTokenSource();
        var flush = producer.FlushAsync(hostDeadline.Token);
        await Task.Delay(200);
        Assert.False(flush.IsCompleted, "the flush waits while a record is queued");
        await hostDeadline.CancelAsync();

        await flush.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(produce.IsCompleted);
        await stopProducing.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => produce.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
