using KafkaWorkers.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Health;

/// <summary>Registers a liveness and a readiness check for every worker of the application, whenever it was added.</summary>
internal sealed class KafkaWorkerHealthCheckSetup(IEnumerable<KafkaWorkerRegistration> registrations) : IConfigureOptions<HealthCheckServiceOptions>
{
    public void Configure(HealthCheckServiceOptions options)
    {
        foreach (var registration in registrations)
        {
            var worker = registration.Name;
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
