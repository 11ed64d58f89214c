using System.ComponentModel.DataAnnotations;
using KafkaWorkers.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace DocSnippets.Failures;

public static class FailurePolicy
{
    public static void Register(HostApplicationBuilder builder)
    {
        builder.Services.AddKafkaWorker<OrderHandler>(o =>
        {
            o.Failure.IsPermanent = e => e is ValidationException;   // no retries for these
            o.Failure.DeadLetterTopic = "orders-dead-letters";       // instead of orders.dlq
        });
    }

    public static void HealthChecks(HostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddKafkaWorkerHealthChecks();
    }

    public static void Program(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddKafkaWorker<OrderHandler>();
        builder.Services.AddHealthChecks().AddKafkaWorkerHealthChecks();

        var app = builder.Build();
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(KafkaWorkerHealthChecks.LiveTag) });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(KafkaWorkerHealthChecks.ReadyTag) });
        app.Run();
    }
}

public sealed class OrderHandler : IKafkaHandler<string, string>
{
    public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
