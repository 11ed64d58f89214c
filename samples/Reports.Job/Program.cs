// Reports.Job: the ScaledJob counterpart of Orders.Worker. Each run consumes the lag its partitions had when they were
// assigned, commits, leaves the group and exits 0 (exit codes: docs/run-to-completion.md).
//   Kafka__BootstrapServers=localhost:9092 dotnet run --project samples/Reports.Job
// In the generated ScaledJob the completion settings come from the attribute, as environment variables, and
// override the default below.
using KafkaWorkers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reports.Job;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKafkaWorker<ReportHandler>(
    o => o.Completion ??= KafkaCompletion.UntilDrained(idleTimeout: TimeSpan.FromSeconds(5)));
builder.Build().Run();
