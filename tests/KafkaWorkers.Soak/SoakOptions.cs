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

    /// <summary>
    /// Gets or sets whether the workers are share workers (preview, <see cref="ShareWorkerMode"/>): every replica reads
    /// every partition, nothing is committed, and no built-in fault is injected (they target consumer-group requests).
    /// On the in-process cluster the harness assigns every partition to every member after each step, as Kafka does.
    /// </summary>
    public bool Share { get; set; }

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

    /// <summary>
    /// Gets or sets the external cluster to soak against, or null (the default) for the in-process cluster. The command
    /// line takes it from <c>KAFKA_BOOTSTRAP_SERVERS</c>. The topic (a new one per run) is created through the admin
    /// API with the broker's default replication factor; the workers keep the client's default group timeouts.
    /// </summary>
    public string? BootstrapServers { get; set; }

    /// <summary>
    /// Gets or sets an existing, empty topic of the external cluster to use instead of creating one (where the soak may
    /// not create topics), or null. Every id the producer writes must be new to the topic.
    /// </summary>
    public string? Topic { get; set; }

    /// <summary>
    /// Gets or sets a shell command (run through <c>/bin/sh -c</c>) that the harness runs at each fault step instead of
    /// the in-process cluster's faults, for example a script that pauses a broker and resumes it; null for none. Against
    /// an external cluster it is the only fault.
    /// </summary>
    public string? FaultCommand { get; set; }

    /// <summary>Gets or sets where the worker processes write their processed ids and logs.</summary>
    public string Directory { get; set; } = Path.Combine("artifacts", "soak");

    /// <summary>Reads the command line; the external cluster, if any, comes from <c>KAFKA_BOOTSTRAP_SERVERS</c>.</summary>
    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
        var options = new SoakOptions { BootstrapServers = string.IsNullOrWhiteSpace(external) ? null : external };
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
                case "--share": options.Share = true; break;
                case "--fault-command": options.FaultCommand = Next(); break;
                case "--topic": options.Topic = Next(); break;
                case "--settle": options.Settle = TimeSpan.FromSeconds(Int(Next())); break;
                case "--protocol": options.GroupProtocol = Enum.Parse<KafkaGroupProtocol>(Next(), ignoreCase: true); break;
                default: throw new ArgumentException($"Unknown argument {args[i]}. Use --cycles N --rate MSG_PER_S --partitions N --duration SECONDS [--replicas N] [--faults P] [--seed N] [--dir PATH] [--kill] [--share] [--protocol consumer|classic] [--fault-command CMD] [--settle SECONDS] [--topic EXISTING_EMPTY_TOPIC]; KAFKA_BOOTSTRAP_SERVERS for an external cluster.");
            }
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
