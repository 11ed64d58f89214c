namespace KafkaWorkers.Health;

/// <summary>The tags and names of the health checks that <c>AddKafkaWorkerHealthChecks</c> registers for each worker.</summary>
/// <remarks>
/// Map the tags to endpoints with a predicate, for example in ASP.NET Core
/// <c>app.MapHealthChecks("/healthz/live", new() { Predicate = r =&gt; r.Tags.Contains(KafkaWorkerHealthChecks.LiveTag) })</c>.
/// </remarks>
public static class KafkaWorkerHealthChecks
{
    /// <summary>The tag of the liveness checks: <c>live</c>.</summary>
    public const string LiveTag = "live";

    /// <summary>The tag of the readiness checks: <c>ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Gets the name of a worker's liveness check: <c>kafka-worker-&lt;name&gt;-live</c>.</summary>
    /// <param name="worker">The worker's name.</param>
    /// <returns>The check's name.</returns>
    public static string LivenessCheckName(string worker) => $"kafka-worker-{worker}-{LiveTag}";

    /// <summary>Gets the name of a worker's readiness check: <c>kafka-worker-&lt;name&gt;-ready</c>.</summary>
    /// <param name="worker">The worker's name.</param>
    /// <returns>The check's name.</returns>
    public static string ReadinessCheckName(string worker) => $"kafka-worker-{worker}-{ReadyTag}";
}
