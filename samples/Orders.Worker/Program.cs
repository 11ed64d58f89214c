// Orders.Worker: the seed demo's consumer. Kafka__BootstrapServers=localhost:9092 dotnet run --project samples/Orders.Worker
// Settings: Orders:HandlerDelay (time per message), Orders:ProcessedLog (a file that gets each handled order id).
// dotnet Orders.Worker.dll --print-keda prints the generated KEDA manifests.
// Metrics: the KafkaWorkers meter (docs/metrics.md), e.g. dotnet-counters monitor -n Orders.Worker --counters KafkaWorkers
using Orders.Worker;

if (args is ["--print-keda"])
{
    // The manifests the generator wrote at build time (bin/<Configuration>/net10.0/keda/), from the compiled class.
    Console.Write(KafkaWorkers.Generated.KedaManifests.All);
    return;
}

var builder = Host.CreateApplicationBuilder(args);
builder.Services.Configure<OrdersOptions>(builder.Configuration.GetSection(OrdersOptions.Section));
builder.Services.AddSingleton<ProcessedLog>();
builder.Services.AddKafkaWorker<OrderHandler>();   // topic and group from [KafkaWorker]; SIGTERM drains and commits
builder.Build().Run();
