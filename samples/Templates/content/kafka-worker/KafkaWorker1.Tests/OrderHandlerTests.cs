using KafkaWorker1;
using KafkaWorkers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace KafkaWorker1.Tests;

public sealed class OrderHandlerTests
{
    [Fact]
    public async Task The_worker_consumes_and_commits_every_order()
    {
        // A real Kafka-protocol cluster inside the test process: no Docker.
        await using var cluster = KafkaTestCluster.Start(brokerCount: 1);
        cluster.CreateTopic("orders", partitions: 6);
        using var client = new KafkaTestClient(cluster.BootstrapServers);
        await client.ProduceAsync("orders", count: 100);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Kafka:BootstrapServers"] = cluster.BootstrapServers;
        builder.Services.AddKafkaWorker<OrderHandler>();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            long committed = 0;
            while (committed < 100 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
                var offsets = await client.GetCommittedOffsetsAsync("orders-processor", "orders");
                committed = offsets.Values.Where(o => o > 0).Sum();
            }

            Assert.Equal(100, committed);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
