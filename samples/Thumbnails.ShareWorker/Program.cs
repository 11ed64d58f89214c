// Thumbnails.ShareWorker: a share-group worker (preview, docs/share-groups.md). Every replica reads every partition of
// the images topic, so KEDA may scale it past the partition count; the broker (Kafka 4.2+, share groups enabled)
// locks each record it hands out and redelivers it if it is released or its lock expires.
//   Kafka__BootstrapServers=localhost:9092 dotnet run --project samples/Thumbnails.ShareWorker
// The generated ScaledObject (bin/<Configuration>/net10.0/keda/thumbnails.yaml) scales on the busy ratio the replicas
// export: add an OpenTelemetry Prometheus exporter for the KafkaWorkers meter so that Prometheus scrapes it.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Thumbnails.ShareWorker;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKafkaShareWorker<ThumbnailHandler>(o => o.MaxConcurrency = 4);
builder.Build().Run();
