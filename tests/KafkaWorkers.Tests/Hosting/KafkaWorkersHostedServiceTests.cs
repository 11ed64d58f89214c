using KafkaWorkers.Hosting;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KafkaWorkers.Tests.Hosting;

public sealed class KafkaWorkersHostedServiceTests
{
    [Fact]
    public async Task When_a_worker_cannot_start_the_workers_already_started_are_stopped_and_the_start_fails()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddKafkaWorker<PlainHandler>("first", o => Configure(o));
        // librdkafka refuses this dead-letter producer setting when the second worker starts.
        builder.Services.AddKafkaWorker<PlainHandler>("second", o => Configure(o).Failure.Producer["linger.ms"] = "not-a-number");
        using var host = builder.Build();
        var statuses = host.Services.GetRequiredService<KafkaWorkerStatusRegistry>();

        await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync());

        Assert.Equal(WorkerState.Stopped, statuses.For("first").State);
    }

    private static KafkaWorkerOptions Configure(KafkaWorkerOptions options)
    {
        options.BootstrapServers = "127.0.0.1:1";
        options.GroupId = "group";
        options.Topics = ["orders"];
        return options;
    }
}
