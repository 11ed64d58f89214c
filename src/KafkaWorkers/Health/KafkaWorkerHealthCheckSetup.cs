using KafkaWorkers.Hosting;
using KafkaWorkers.Sharing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Health;

/// <summary>Registers a liveness and a readiness check for every worker of the application, whenever it was added.</summary>
/// <remarks>Share workers get the same checks over the same status (<see cref="Sharing.ShareWorker.Status"/>).</remarks>
internal sealed class KafkaWorkerHealthCheckSetup(
    IEnumerable<KafkaWorkerRegistration> registrations, IEnumerable<KafkaShareWorkerRegistration> shareRegistrations) : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions options)
    {
        foreach (var worker in registrations.Select(r => r.Name).Concat(shareRegistrations.Select(r => r.Name)))
        {
            options.Registrations.Add(new HealthCheckRegistration(
                KafkaWorkerHealthChecks.LivenessCheckName(worker),
                sp => new KafkaWorkerLivenessCheck(sp.GetRequiredService<KafkaWorkerStatusRegistry>(), sp.GetRequiredService<IOptionsMonitor<KafkaWorkerOptions>>(), worker),
                HealthStatus.Unhealthy,
                [KafkaWorkerHealthChecks.LiveTag]));
            options.Registrations.Add(new HealthCheckRegistration(
                KafkaWorkerHealthChecks.ReadinessCheckName(worker),
                sp => new KafkaWorkerReadinessCheck(sp.GetRequiredService<KafkaWorkerStatusRegistry>(), worker),
                HealthStatus.Unhealthy,
                [KafkaWorkerHealthChecks.ReadyTag]));
        }
    }
}
