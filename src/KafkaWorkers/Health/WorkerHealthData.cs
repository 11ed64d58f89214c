using KafkaWorkers.Runtime;

namespace KafkaWorkers.Health;

/// <summary>What a worker's health report shows besides its status.</summary>
internal static class WorkerHealthData
{
    public static IReadOnlyDictionary<string, object> Of(WorkerStatus status)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["state"] = status.State.ToString(),
            ["joinedGroup"] = status.HasJoinedGroup,
            ["assignedPartitions"] = status.AssignedPartitions,
        };
        if (status.SinceLastPoll is { } since)
        {
            data["secondsSinceLastPoll"] = Math.Round(since.TotalSeconds, 3);
        }

        if (status.DeadLetterError is { } deadLetterError)
        {
            data["deadLetterError"] = deadLetterError;
        }

        return data;
    }
}
