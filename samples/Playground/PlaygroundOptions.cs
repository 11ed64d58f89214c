using System.Globalization;
using System.Reflection;

namespace Playground;

/// <summary>What the playground runs: the burst, the worker's speed, and the KEDA values of the local scaler.</summary>
public sealed class PlaygroundOptions
{
    /// <summary>Messages in the burst.</summary>
    public int BurstSize { get; set; } = 2000;

    /// <summary>Distinct keys in the burst.</summary>
    public int Keys { get; set; } = 32;

    /// <summary>Time the worker's handler takes per message.</summary>
    public TimeSpan HandlerDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The run stops after this long even if the burst is not consumed or replicas still run.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>KEDA's pollingInterval (the seed's is 10 s; shorter by default so the demo takes about a minute).</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>KEDA's cooldownPeriod before scaling to <c>idleReplicaCount</c> (the seed's is 30 s).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The HPA's scale-down stabilization window (<c>behavior.scaleDown.stabilizationWindowSeconds</c>). A cluster's
    /// default is 300 s; the demo shortens it to 15 s so that scale-in shows within a minute, and says so when it starts.
    /// </summary>
    public TimeSpan ScaleDownWindow { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The seed's minReplicaCount.</summary>
    public int MinReplicas { get; set; } = 1;

    /// <summary>The seed's maxReplicaCount.</summary>
    public int MaxReplicas { get; set; } = 5;

    /// <summary>The seed's lagThreshold.</summary>
    public int LagThreshold { get; set; } = 10;

    /// <summary>Partitions of the topic.</summary>
    public int Partitions { get; set; } = 6;

    /// <summary>The worker's <c>session.timeout.ms</c>: short, because of the in-process coordinator's rebalance waits.</summary>
    public int SessionTimeoutMs { get; set; } = 3000;

    /// <summary>
    /// The workers' group protocol: <c>Consumer</c> (KIP-848, the broker assigns; the default here) or <c>Classic</c>
    /// (cooperative-sticky, the library's default).
    /// </summary>
    /// <remarks>
    /// With <c>Classic</c>, scaling 2 → 3 replicas of 6 partitions makes two members revoke in one rebalance. The
    /// in-process coordinator refuses the second one's revoke commit (<c>REBALANCE_IN_PROGRESS</c>), which a real
    /// broker accepts, so its partition is handled again from the previous commit: the summary then reports
    /// duplicates. KIP-848 has no such join barrier, and the in-process coordinator commits its revokes.
    /// </remarks>
    public string GroupProtocol { get; set; } = "Consumer";

    /// <summary>Orders.Worker.dll; by default the one built next to this sample.</summary>
    public string WorkerPath { get; set; } = DefaultWorkerPath();

    /// <summary>Where processed logs and worker output go; by default a new temporary folder.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>Reads <c>--burst N --keys N --handler-ms N --duration S --polling S --cooldown S --scale-down-window S --max N --worker PATH --dir PATH</c>.</summary>
    /// <exception cref="ArgumentException">An unknown option or a missing value.</exception>
    public static PlaygroundOptions Parse(IReadOnlyList<string> args)
    {
        var options = new PlaygroundOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--burst": options.BurstSize = Number(value); break;
                case "--keys": options.Keys = Number(value); break;
                case "--handler-ms": options.HandlerDelay = TimeSpan.FromMilliseconds(Number(value)); break;
                case "--duration": options.Duration = TimeSpan.FromSeconds(Number(value)); break;
                case "--polling": options.PollingInterval = TimeSpan.FromSeconds(Number(value)); break;
                case "--cooldown": options.Cooldown = TimeSpan.FromSeconds(Number(value)); break;
                case "--scale-down-window": options.ScaleDownWindow = TimeSpan.FromSeconds(Number(value)); break;
                case "--max": options.MaxReplicas = Number(value); break;
                case "--protocol": options.GroupProtocol = value; break;
                case "--worker": options.WorkerPath = value; break;
                case "--dir": options.WorkDirectory = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return options;
    }

    /// <summary>The usage line.</summary>
    public const string Usage =
        "usage: Playground [--burst 2000] [--keys 32] [--handler-ms 50] [--duration 240] [--polling 5] [--cooldown 15] [--scale-down-window 15] [--max 5] [--protocol Consumer|Classic] [--worker Orders.Worker.dll] [--dir PATH]";

    private static int Number(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string DefaultWorkerPath() =>
        typeof(PlaygroundOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "OrdersWorkerPath").Value!;
}
