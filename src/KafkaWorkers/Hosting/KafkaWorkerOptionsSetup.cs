using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Hosting;

/// <summary>
/// Fills a worker's options, in this order, each overriding the one before: the handler's
/// <see cref="KafkaWorkerAttribute"/>; the shared <c>Kafka</c> section (<c>BootstrapServers</c>, <c>Consumer</c>); the
/// worker's section <c>Kafka:Workers:&lt;name&gt;</c>. The <c>configure</c> delegate of <c>AddKafkaWorker</c> runs after.
/// </summary>
internal sealed class KafkaWorkerOptionsSetup(KafkaWorkerRegistration registration, IConfiguration? configuration)
    : IConfigureNamedOptions<KafkaWorkerOptions>
{
    /// <summary>The configuration section that holds the shared settings and, under <c>Workers</c>, each worker's.</summary>
    public const string SectionName = "Kafka";

    public void Configure(KafkaWorkerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, KafkaWorkerOptions options)
    {
        if (name != registration.Name)
        {
            return;
        }

        ApplyDeclaration(registration.Contract.Declaration, options);
        if (configuration is not null)
        {
            ApplyConfiguration(configuration.GetSection(SectionName), options);
        }
    }

    private static void ApplyDeclaration(KafkaWorkerAttribute? declaration, KafkaWorkerOptions options)
    {
        if (declaration is null)
        {
            return;
        }

        if (declaration.Topics.Length > 0)
        {
            options.Topics = [.. declaration.Topics];
        }

        if (!string.IsNullOrWhiteSpace(declaration.GroupId))
        {
            options.GroupId = declaration.GroupId;
        }

        if (declaration.ShutdownTimeoutSeconds > 0)
        {
            options.ShutdownTimeout = TimeSpan.FromSeconds(declaration.ShutdownTimeoutSeconds);
        }
    }

    private void ApplyConfiguration(IConfigurationSection kafka, KafkaWorkerOptions options)
    {
        if (kafka["BootstrapServers"] is { Length: > 0 } bootstrapServers)
        {
            options.BootstrapServers = bootstrapServers;
        }

        CopySettings(kafka.GetSection("Consumer"), options.Consumer);
        var worker = kafka.GetSection("Workers").GetSection(registration.Name);
        if (!worker.Exists())
        {
            return;
        }

        // Topics from configuration replace the declared ones (the binder would append to them); they may also be
        // given as one comma-separated value. The binder merges Consumer settings into the shared ones.
        var topics = worker.GetSection(nameof(KafkaWorkerOptions.Topics));
        if (topics.GetChildren().Any())
        {
            options.Topics = [];
        }

        worker.Bind(options);
        if (topics.Value is { Length: > 0 } list)
        {
            options.Topics = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
    }

    private static void CopySettings(IConfigurationSection section, IDictionary<string, string> settings)
    {
        foreach (var setting in section.GetChildren())
        {
            if (setting.Value is not null)
            {
                settings[setting.Key] = setting.Value;
            }
        }
    }
}
