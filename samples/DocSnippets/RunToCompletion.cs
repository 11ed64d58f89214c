namespace DocSnippets.RunToCompletion;

public static class Registration
{
    public static void Register(HostApplicationBuilder builder)
    {
        builder.Services.AddKafkaWorker<ReportHandler>("reports",
            o => o.Completion = KafkaCompletion.UntilDrained(idleTimeout: TimeSpan.FromSeconds(5)));
    }
}

[KafkaWorker("reports", Topics = ["reports"], GroupId = "report-jobs")]
public sealed class ReportHandler : IKafkaHandler<string, string>
{
    public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => default;
}

[KafkaWorker("invoices", Topics = ["invoices"], GroupId = "invoice-jobs")]
[KedaScaledJob(ScalingStrategy = KedaScalingStrategy.Accurate, PollingInterval = 15, MaxReplicaCount = 4, Partitions = 4,
    LagThreshold = 20, MaxMessages = 500, IdleTimeoutSeconds = 5, MaxDurationSeconds = 600, StartTimeoutSeconds = 30,
    EnvironmentConfigMap = "kafka-env")]
public sealed class InvoiceBatchHandler : IKafkaBatchHandler<string, Invoice>
{
    public ValueTask HandleAsync(IReadOnlyList<KafkaMessage<string, Invoice>> messages, CancellationToken cancellationToken) => default;
}

public sealed record Invoice(string Id, decimal Total);
