// Orders.Worker: the seed demo's consumer. Kafka__BootstrapServers=localhost:9092 dotnet run --project samples/Orders.Worker
// Settings: Orders:HandlerDelay (time per message), Orders:ProcessedLog (a file that gets each handled order id).
// dotnet Orders.Worker.dll --print-keda prints the generated KEDA manifests.
// Metrics: the KafkaWorkers meter (docs/metrics.md), e.g. dotnet-counters monitor -n Orders.Worker --counters KafkaWorkers
// Health: started with URLs (--urls http://+:8080 or ASPNETCORE_URLS, as the generated Deployment sets), it serves /healthz/live
// and /healthz/ready on the framework's own web server (docs/failures.md); without URLs it is a plain worker, so that
// the playground can run many of them side by side.
using KafkaWorkers.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Orders.Worker;

if (args is ["--print-keda"])
{
    // The manifests the generator wrote at build time (bin/<Configuration>/net10.0/keda/), from the compiled class.
    Console.Write(KafkaWorkers.Generated.KedaManifests.All);
    return;
}

if (args.Contains("--urls") || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
{
    var web = WebApplication.CreateBuilder(args);
    AddOrders(web.Services, web.Configuration);
    web.Services.AddHealthChecks().AddKafkaWorkerHealthChecks();
    var app = web.Build();
    app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(KafkaWorkerHealthChecks.LiveTag) });
    app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(KafkaWorkerHealthChecks.ReadyTag) });
    app.Run();
}
else
{
    var builder = Host.CreateApplicationBuilder(args);
    AddOrders(builder.Services, builder.Configuration);
    builder.Build().Run();
}

static void AddOrders(IServiceCollection services, IConfiguration configuration)
{
    services.Configure<OrdersOptions>(configuration.GetSection(OrdersOptions.Section));
    services.AddSingleton<ProcessedLog>();
    services.AddKafkaWorker<OrderHandler>();   // topic and group from [KafkaWorker]; SIGTERM drains and commits
}
