using KafkaWorkers.Testing;

namespace KafkaWorkers.Soak;

/// <summary>
/// An in-process cluster in a process of its own, for trying the external-broker path of the soak and the benchmarks
/// without a Kafka at hand: <c>dotnet KafkaWorkers.Soak.dll broker [TOPIC PARTITIONS]</c> creates the topic, if given,
/// prints its bootstrap servers and serves until SIGTERM or Ctrl+C. It is librdkafka's mock, not Kafka: it accepts any
/// session timeout, has no fault of its own and no controller, so the admin API cannot create topics on it (hence the
/// topic given here, for the soak's <c>--topic</c>).
/// </summary>
public static class BrokerMode
{
    public const string Argument = "broker";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        await using var cluster = KafkaTestCluster.Start(brokerCount: 3);
        if (args.Count >= 2)
        {
            cluster.CreateTopic(args[0], int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), replicationFactor: 3);
        }

        using var stop = new CancellationTokenSource();
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.WriteLine($"bootstrap servers: {cluster.BootstrapServers}");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        return 0;
    }
}
