using KafkaWorkers.Soak;

// The reliability soak (docs/reliability.md). Usage:
//   dotnet KafkaWorkers.Soak.dll [--cycles N] [--rate MSG_PER_S] [--partitions N] [--duration SECONDS] [--replicas N] [--kill] ...
//   dotnet KafkaWorkers.Soak.dll worker BOOTSTRAP_SERVERS GROUP TOPIC ID_FILE PROTOCOL   (a worker process; started by the harness)
if (args.Length > 0 && args[0] == WorkerMode.Argument)
{
    return await WorkerMode.RunAsync(args[1..]);
}

var options = SoakOptions.Parse(args);
var report = await SoakRun.RunAsync(options, Console.WriteLine);
Console.WriteLine(report);
return report.Passed ? 0 : 1;
