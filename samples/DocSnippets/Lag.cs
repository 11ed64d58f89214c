using KafkaWorkers.Lag;

namespace DocSnippets.Lag;

public static class LagSnippets
{
    public static int Model(KafkaPartitionOffsets[] offsets)
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = "orders", LagThreshold = 50 });
        var lags = new KedaKafkaPartitionLag[offsets.Length];
        KedaKafkaScalerResult result = model.Evaluate(offsets, lags);          // MetricValue 152, IsActive true
        int replicas = KedaReplicaModel.GetDesiredReplicas(
            result.MetricValue, model.LagThreshold, currentReplicas: 1, result.IsActive,
            cooldownElapsed: false, new KedaScaledObjectSettings());          // 4
        return replicas;
    }

    public static int Hpa(DateTimeOffset start)
    {
        var hpa = new KedaHpaModel(new KedaScaledObjectSettings { Behavior = new HpaBehavior() });  // Kubernetes' defaults
        var replicas = 1;
        for (var sync = 0; sync < 5; sync++)
        {
            replicas = hpa.Sync(start.AddSeconds(15 * sync), metricValue: 400, lagThreshold: 10, replicas);
        }                                                                     // 5, 10, 20, 40, 40

        return replicas;
    }

    public static KafkaLagSnapshot? Monitor(HostApplicationBuilder builder)
    {
        builder.Services.AddKafkaWorker<OrderHandler>("orders");
        builder.Services.AddKafkaLagMonitor();                       // every worker, settings from Kafka:Workers:<name>:Lag
        using var app = builder.Build();

        IKafkaLagMonitor monitor = app.Services.GetRequiredService<IKafkaLagMonitor>();
        KafkaLagSnapshot? orders = monitor.GetSnapshot("orders");    // null until the first read succeeded
        return orders;
    }

    public static void Endpoint(WebApplicationBuilder builder)
    {
        builder.Services.AddKafkaLagMonitor();
        var app = builder.Build();
        app.MapKafkaLag("/kafka/lag");              // returns the route group: .RequireHost("*:8080"), .RequireAuthorization()...
    }

    public static string Explain(
        KedaKafkaScalerModel scaler, KedaHpaModel hpa, KafkaPartitionOffsets[] offsets, DateTimeOffset now, int current, bool cooldownElapsed)
    {
        var scalerReasons = new List<KedaScalingReason>();
        var result = scaler.Evaluate(offsets, [], scalerReasons);
        var replicaReasons = new List<KedaScalingReason>();
        var replicas = hpa.Step(now, result.MetricValue, scaler.LagThreshold, current, result.IsActive, cooldownElapsed, null, replicaReasons);
        string line = KedaScalingExplanation.Create(replicas, [.. replicaReasons, .. scalerReasons]).Summary;
        return line;
    }

    public static void Settings(HostApplicationBuilder builder)
    {
        builder.Services.AddKafkaLagMonitor("orders", o =>
        {
            o.Trigger.LagThreshold = 50;
            o.Trigger.OffsetResetPolicy = KedaOffsetResetPolicy.Earliest;
        });
    }
}

[KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
public sealed class OrderHandler : IKafkaHandler<string, string>
{
    public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => default;
}
