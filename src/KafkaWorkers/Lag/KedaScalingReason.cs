namespace KafkaWorkers.Lag;

/// <summary>
/// One reason KEDA's and the HPA's arithmetic gives for a replica count: a stable code, a short message with the numbers,
/// and the partition it is about, if any.
/// </summary>
/// <remarks>
/// Reasons are written by the models while they compute (<see cref="KedaKafkaScalerModel"/>, <see cref="KedaHpaModel"/>,
/// the lag monitor's prediction), at the branch that decides, so they cannot disagree with the numbers.
/// </remarks>
public sealed record KedaScalingReason
{
    /// <summary>Gets the reason's code, one of <see cref="KedaScalingReasonCodes"/>, for example <c>partition.no-commit-counts-one</c>.</summary>
    public required string Code { get; init; }

    /// <summary>
    /// Gets a short English message with the numbers, for example <c>metric 480 / lagThreshold 100 → 5</c>. For a
    /// partition, the message does not name the partition (see <see cref="Topic"/> and <see cref="Partition"/>).
    /// </summary>
    /// <value>Meant for people; its wording may change between versions. Match on <see cref="Code"/>.</value>
    public required string Message { get; init; }

    /// <summary>Gets the topic of the partition the reason is about.</summary>
    /// <value><see langword="null"/> unless the code's group is <c>partition</c>.</value>
    public string? Topic { get; init; }

    /// <summary>Gets the partition the reason is about.</summary>
    /// <value><see langword="null"/> unless the code's group is <c>partition</c>.</value>
    public int? Partition { get; init; }

    /// <summary>A reason that is not about a partition.</summary>
    internal static KedaScalingReason Of(string code, string message) => new() { Code = code, Message = message };
}
