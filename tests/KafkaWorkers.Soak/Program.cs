using KafkaWorkers.Soak;

// The reliability soak (docs/reliability.md). Usage:
//   [KAFKA_BOOTSTRAP_SERVERS=host:9092] dotnet KafkaWorkers.Soak.dll [--cycles N] [--rate MSG_PER_S] [--partitions N]
//       [--duration SECONDS] [--replicas N] [--kill] [--fault-command CMD] ...
//   dotnet KafkaWorkers.Soak.dll worker BOOTSTRAP_SERVERS GROUP TOPIC ID_FILE PROTOCOL TIMEOUTS   (a worker process; started by the harness)
//   dotnet KafkaWorkers.Soak.dll share-worker BOOTSTRAP_SERVERS GROUP TOPIC ID_FILE HANDLER_MS MEMBERS   (a share worker process)
//   dotnet KafkaWorkers.Soak.dll broker [TOPIC PARTITIONS]   (an in-process cluster in its own process, to try the external path)
if (args.Length > 0 && args[0] == WorkerMode.Argument)
{
    return await WorkerMode.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == ShareWorkerMode.Argument)
{
    return await ShareWorkerMode.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == BrokerMode.Argument)
{
    return await BrokerMode.RunAsync(args[1..]);
}

var options = SoakOptions.Parse(args);
var report = await SoakRun.RunAsync(options, Console.WriteLine);
Console.WriteLine(report);
return report.Passed ? 0 : 1;
