using System.Globalization;

namespace KafkaWorkers.Lag;

/// <summary>
/// Why a replica count: the reasons KEDA's <c>kafka</c> scaler and the HPA give, and one short line that sums them up,
/// for example <c>5 replicas: metric 480 / lagThreshold 100 → 5; cap of 6 partitions not reached; active: activity 480 over activationLagThreshold 0</c>.
/// </summary>
/// <remarks>
/// The lag monitor puts one on every <see cref="KafkaLagSnapshot"/>. To explain a count computed with the models
/// directly, collect the reasons of <see cref="KedaKafkaScalerModel.Evaluate(ReadOnlySpan{KafkaPartitionOffsets}, Span{KedaKafkaPartitionLag}, ICollection{KedaScalingReason})"/>
/// and of <see cref="KedaHpaModel.Step(DateTimeOffset, long, long, int, bool, bool, int?, ICollection{KedaScalingReason})"/>
/// and pass them to <see cref="Create"/>.
/// </remarks>
public sealed record KedaScalingExplanation
{
    /// <summary>How many partitions a summary names one by one; above that it gives their number.</summary>
    private const int MaxNamedPartitions = 6;

    /// <summary>
    /// Gets the one-line summary: <c>{replicas} replica(s): </c> and the reasons' messages joined with <c>; </c>, those
    /// about the replica count first, then the cap, the activation and the partitions (one entry per code and topic,
    /// with the partitions it applies to).
    /// </summary>
    public required string Summary { get; init; }

    /// <summary>Gets the reasons, in the order the models gave them.</summary>
    public required IReadOnlyList<KedaScalingReason> Reasons { get; init; }

    /// <summary>Creates the explanation of a replica count from the reasons the models gave for it.</summary>
    /// <param name="replicas">The replica count explained.</param>
    /// <param name="reasons">The reasons, as the models collected them.</param>
    /// <returns>The explanation, with its <see cref="Summary"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reasons"/> is <see langword="null"/>.</exception>
    public static KedaScalingExplanation Create(int replicas, IEnumerable<KedaScalingReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        KedaScalingReason[] list = [.. reasons];
        var parts = list
            .Where(r => r.Partition is null)
            .OrderBy(r => GroupRank(r.Code))
            .Select(r => r.Message)
            .Concat(list
                .Where(r => r.Partition is not null)
                .GroupBy(r => (r.Code, r.Topic))
                .Select(g => PartitionsText(g.Key.Topic, [.. g.Select(r => r.Partition!.Value)]) + ": " + g.First().Message));
        var summary = string.Create(CultureInfo.InvariantCulture, $"{replicas} {(replicas == 1 ? "replica" : "replicas")}: ") + string.Join("; ", parts);
        return new KedaScalingExplanation { Summary = summary, Reasons = Array.AsReadOnly(list) };
    }

    /// <summary>The order of the code groups in the summary: replicas, cap, trigger, partitions.</summary>
    private static int GroupRank(string code) => code[..code.IndexOf('.', StringComparison.Ordinal)] switch
    {
        "replicas" => 0,
        "cap" => 1,
        "trigger" => 2,
        _ => 3,
    };

    private static string PartitionsText(string? topic, int[] partitions)
    {
        return partitions.Length > MaxNamedPartitions
            ? string.Create(CultureInfo.InvariantCulture, $"{topic} ({partitions.Length} partitions)")
            : $"{topic} [{string.Join(", ", partitions.Select(p => p.ToString(CultureInfo.InvariantCulture)))}]";
    }
}
