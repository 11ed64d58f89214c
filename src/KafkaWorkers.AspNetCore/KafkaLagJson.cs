using System.Text.Json;
using KafkaWorkers.Lag;

namespace KafkaWorkers.AspNetCore;

/// <summary>
/// Writes a <see cref="KafkaLagSnapshot"/> as JSON with camelCase names, without reflection (trimming- and AOT-safe).
/// The names are a contract: KEDA's <c>metrics-api</c> trigger reads them through <c>valueLocation</c>.
/// </summary>
internal static class KafkaLagJson
{
    public static void Write(Utf8JsonWriter writer, KafkaLagSnapshot snapshot)
    {
        var result = snapshot.Result;
        writer.WriteStartObject();
        writer.WriteString("worker", snapshot.Worker);
        writer.WriteString("groupId", snapshot.GroupId);
        writer.WriteString("takenAt", snapshot.TakenAt);
        writer.WriteBoolean("stale", snapshot.IsStale);
        if (snapshot.LastError is { } error)
        {
            writer.WriteString("lastError", error);
        }

        writer.WriteNumber("lagThreshold", snapshot.LagThreshold);
        writer.WriteNumber("totalLag", result.TotalLag);
        writer.WriteNumber("activityLag", result.ActivityLag);
        writer.WriteNumber("metricValue", result.MetricValue);
        writer.WriteNumber("correctedMetricValue", result.CorrectedMetricValue);
        writer.WriteBoolean("active", result.IsActive);
        writer.WriteNumber("predictedReplicas", snapshot.PredictedReplicas);
        writer.WriteNumber("partitionCount", result.PartitionCount);
        writer.WriteNumber("partitionsWithLag", result.PartitionsWithLag);
        writer.WriteStartArray("partitions");
        foreach (var partition in snapshot.Partitions)
        {
            writer.WriteStartObject();
            writer.WriteString("topic", partition.Offsets.Topic);
            writer.WriteNumber("partition", partition.Offsets.Partition);
            writer.WriteNumber("committedOffset", partition.Offsets.CommittedOffset);
            writer.WriteNumber("endOffset", partition.Offsets.EndOffset);
            writer.WriteNumber("lag", partition.Lag);
            writer.WriteBoolean("counted", partition.IsCounted);
            writer.WriteBoolean("persistentLag", partition.IsPersistentLag);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteExplanation(writer, snapshot.Explanation);
        writer.WriteEndObject();
    }

    private static void WriteExplanation(Utf8JsonWriter writer, KedaScalingExplanation explanation)
    {
        writer.WriteStartObject("explanation");
        writer.WriteString("summary", explanation.Summary);
        writer.WriteStartArray("reasons");
        foreach (var reason in explanation.Reasons)
        {
            writer.WriteStartObject();
            writer.WriteString("code", reason.Code);
            writer.WriteString("message", reason.Message);
            if (reason.Partition is { } partition)
            {
                writer.WriteString("topic", reason.Topic);
                writer.WriteNumber("partition", partition);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
