using KafkaWorkers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Lag;

/// <summary>
/// Fills each worker's <see cref="KafkaLagOptions"/>, each step overriding the one before: the KEDA attribute on the
/// worker's handler (<see cref="KafkaLagDeclaration"/>), then the configuration section
/// <c>Kafka:Workers:&lt;name&gt;:Lag</c>. Delegates given to <c>Configure</c> after <c>AddKafkaLagMonitor</c> run after.
/// </summary>
internal sealed class KafkaLagOptionsSetup(IEnumerable<KafkaWorkerRegistration> registrations, IConfiguration? configuration = null)
    : IConfigureNamedOptions<KafkaLagOptions>
{
    /// <summary>The name of the worker's sub-section that holds its lag settings.</summary>
    public const string SectionName = "Lag";

    /// <summary>The configuration path of a worker's lag settings, for messages.</summary>
    public static string PathOf(string worker) => $"{KafkaWorkerOptionsSetup.SectionName}:Workers:{worker}:{SectionName}";

    public void Configure(KafkaLagOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, KafkaLagOptions options)
    {
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        if (registrations.FirstOrDefault(r => r.Name == name) is { } registration)
        {
            KafkaLagDeclaration.Apply(registration.Contract, options);
        }

        configuration?.GetSection(PathOf(name)).Bind(options);
    }
}
