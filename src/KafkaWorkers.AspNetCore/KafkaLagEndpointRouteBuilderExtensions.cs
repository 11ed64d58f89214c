using System.Diagnostics.CodeAnalysis;
using KafkaWorkers.AspNetCore;
using KafkaWorkers.Lag;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Kafka lag endpoints, which KEDA's <c>metrics-api</c> scaler and people can read.</summary>
public static class KafkaLagEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}</c> (every worker's lag snapshot, a JSON array), <c>GET {pattern}/{worker}</c> (one
    /// worker's snapshot, a JSON object) and <c>GET {pattern}/{worker}/total</c> (its total lag, a plain number).
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route prefix.</param>
    /// <returns>The route group, to add conventions such as <c>RequireHost</c> or <c>RequireAuthorization</c>.</returns>
    /// <remarks>
    /// <para>
    /// The snapshot's fields: <c>worker</c>, <c>groupId</c>, <c>takenAt</c>, <c>stale</c>, <c>lastError</c> (only when
    /// stale), <c>lagThreshold</c>, <c>totalLag</c>, <c>activityLag</c>, <c>metricValue</c> (what KEDA's <c>kafka</c>
    /// scaler reports), <c>correctedMetricValue</c> (capped without KEDA's off-by-one), <c>active</c>,
    /// <c>predictedReplicas</c>, <c>partitionCount</c>, <c>partitionsWithLag</c> and <c>partitions</c> (each with
    /// <c>topic</c>, <c>partition</c>, <c>committedOffset</c>, <c>endOffset</c>, <c>lag</c>, <c>counted</c>,
    /// <c>persistentLag</c>) and <c>explanation</c> (why that many replicas: <c>summary</c>, the one-line reason, and
    /// <c>reasons</c>, each with a stable <c>code</c>, a <c>message</c>, and <c>topic</c> and <c>partition</c> when it is
    /// about a partition). A stale snapshot is served with <c>stale: true</c>.
    /// </para>
    /// <para>
    /// A worker that is not monitored answers 404; a monitored worker whose offsets have not been read yet answers 503.
    /// Responses are not cached. The endpoints are anonymous unless a convention says otherwise.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The lag monitor was not added with <c>services.AddKafkaLagMonitor()</c>.</exception>
    public static RouteGroupBuilder MapKafkaLag(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/kafka/lag")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var monitor = endpoints.ServiceProvider.GetService<IKafkaLagMonitor>()
            ?? throw new InvalidOperationException(
                "MapKafkaLag serves the Kafka lag monitor's snapshots; add the monitor with services.AddKafkaLagMonitor().");
        var handlers = new KafkaLagEndpoints(monitor);
        var group = endpoints.MapGroup(pattern);
        group.MapGet("/", new RequestDelegate(handlers.GetAllAsync)).WithDisplayName("Kafka lag: all workers");
        group.MapGet($"/{{{KafkaLagEndpoints.WorkerRouteValue}}}", new RequestDelegate(handlers.GetWorkerAsync))
            .WithDisplayName("Kafka lag: one worker");
        group.MapGet($"/{{{KafkaLagEndpoints.WorkerRouteValue}}}/total", new RequestDelegate(handlers.GetTotalAsync))
            .WithDisplayName("Kafka lag: one worker's total");
        return group;
    }
}
