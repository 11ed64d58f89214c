using KafkaJob1;
using KafkaWorkers;
using KafkaWorkers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace KafkaJob1.Tests;

public sealed class ReportHandlerTests
{
    [Fact]
    public async Task A_run_drains_the_topic_commits_and_ends()
    {
        // A real Kafka-protocol cluster inside the test process: no Docker.
        await using var cluster = KafkaTestCluster.Start(brokerCount: 1);
        cluster.CreateTopic("reports", partitions: 4);
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync("reports", count: 100);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Kafka:BootstrapServers"] = cluster.BootstrapServers;
        builder.Services.AddKafkaWorker<ReportHandler>(o => o.Completion = KafkaCompletion.UntilDrained(TimeSpan.FromSeconds(5)));
        using var host = builder.Build();

        // The host stops by itself when the run completes; the guard only bounds a failing test.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await host.RunAsync(guard.Token);

        Assert.False(guard.IsCancellationRequested, "the run did not end by itself");
        var committed = await client.GetCommittedOffsetsAsync("report-jobs", "reports");
        Assert.Equal(100, committed.Values.Where(o => o > 0).Sum());
    }
}
