using KafkaJob1;
using KafkaWorkers;

// One run: consume what the assigned partitions held when they were assigned, commit, leave the group, exit 0.
// In the generated ScaledJob, the completion settings of [KedaScaledJob] arrive as environment variables and win.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKafkaWorker<ReportHandler>(
    o => o.Completion ??= KafkaCompletion.UntilDrained(idleTimeout: TimeSpan.FromSeconds(5)));
builder.Build().Run();
