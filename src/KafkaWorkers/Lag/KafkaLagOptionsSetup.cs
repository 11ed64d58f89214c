using KafkaWorkers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Lag;

/// <summary>Binds each worker's <see cref="KafkaLagOptions"/> from <c>Kafka:Workers:&lt;name&gt;:Lag</c>.</summary>
internal sealed class KafkaLagOptionsSetup(IConfiguration? configuration) : IConfigureNamedOptions<KafkaLagOptions>
{
    /// <summary>The name of the worker's sub-section that holds its lag settings.</summary>
    public const string SectionName = "Lag";

    /// <summary>The configuration path of a worker's lag settings, for messages.</summary>
    public static string PathOf(string worker) => $"{KafkaWorkerOptionsSetup.SectionName}:Workers:{worker}:{SectionName}";

    public void Configure(KafkaLagOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, KafkaLagOptions options)
    {
        if (configuration is not null && !string.IsNullOrEmpty(name))
        {
            configuration.GetSection(PathOf(name)).Bind(options);
        }
    }
}
