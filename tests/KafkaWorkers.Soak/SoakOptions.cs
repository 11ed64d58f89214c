using System.Globalization;

namespace KafkaWorkers.Soak;

/// <summary>What a soak run does: how long, how fast, how many replicas, and how they stop.</summary>
public sealed class SoakOptions
{
    /// <summary>Gets or sets how many scale cycles (1 → <see cref="MaxReplicas"/> → 1) to run.</summary>
    public int Cycles { get; set; } = 3;

    /// <summary>Gets or sets the producer's steady rate, in messages per second.</summary>
    public int Rate { get; set; } = 200;

    /// <summary>Gets or sets the topic's partitions. With 4 and up to 4 replicas each scale-out step has one revoking member (see <see cref="SoakRun"/>).</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>Gets or sets the least time the scaling phase lasts; steps are spread over it.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(3);

    public int MaxReplicas { get; set; } = 3;

    /// <summary>Gets or sets whether scale-in uses SIGKILL instead of a graceful SIGTERM.</summary>
    public bool Kill { get; set; }

    /// <summary>Gets or sets the chance, per scale step, that a broker fault is injected while the group is steady.</summary>
    public double FaultProbability { get; set; } = 0.6;

    /// <summary>Gets or sets the least time after a scale step before the next one (the group settles).</summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(5);

    public int Seed { get; set; } = Environment.TickCount;

    /// <summary>
    /// Gets or sets the workers' group protocol: KIP-848 (<see cref="KafkaGroupProtocol.Consumer"/>, the default), which the
    /// in-process cluster serves as Kafka does through a scale step, or the classic protocol with cooperative-sticky
    /// assignment, whose revoke commits the in-process coordinator refuses while the group rebalances (docs/testing.md).
    /// </summary>
    public KafkaGroupProtocol GroupProtocol { get; set; } = KafkaGroupProtocol.Consumer;

    /// <summary>Gets or sets where the worker processes write their processed ids and logs.</summary>
    public string Directory { get; set; } = Path.Combine("artifacts", "soak");

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--cycles": options.Cycles = Int(Next()); break;
                case "--rate": options.Rate = Int(Next()); break;
                case "--partitions": options.Partitions = Int(Next()); break;
                case "--duration": options.Duration = TimeSpan.FromSeconds(Int(Next())); break;
                case "--replicas": options.MaxReplicas = Int(Next()); break;
                case "--faults": options.FaultProbability = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": options.Seed = Int(Next()); break;
                case "--dir": options.Directory = Next(); break;
                case "--kill": options.Kill = true; break;
                case "--protocol": options.GroupProtocol = Enum.Parse<KafkaGroupProtocol>(Next(), ignoreCase: true); break;
                default: throw new ArgumentException($"Unknown argument {args[i]}. Use --cycles N --rate MSG_PER_S --partitions N --duration SECONDS [--replicas N] [--faults P] [--seed N] [--dir PATH] [--kill] [--protocol consumer|classic].");
            }
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
