// The local autoscaling playground: ./build.sh demo [--burst 2000] [--handler-ms 50] [--polling 5] [--cooldown 15] ...
// No Kubernetes, no Docker: an in-process Kafka cluster, a burst of orders, and KEDA's scaling model starting and
// stopping real Orders.Worker processes. Exit code 0 when produced = processed with nothing lost or duplicated.
using Playground;

PlaygroundOptions options;
try
{
    options = PlaygroundOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(PlaygroundOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var summary = await new PlaygroundRun(options, Console.Out).RunAsync(cancellation.Token);
Console.WriteLine();
Console.WriteLine(summary);
return summary.IsClean && summary.Completed ? 0 : 1;
