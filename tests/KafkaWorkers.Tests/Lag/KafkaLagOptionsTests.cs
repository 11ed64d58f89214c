using KafkaWorkers.Lag;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Tests.Lag;

/// <summary>Binding of <see cref="KafkaLagOptions"/> from <c>Kafka:Workers:&lt;name&gt;:Lag</c> and its validation at start.</summary>
public sealed class KafkaLagOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_KEDAs()
    {
        var options = new KafkaLagOptions();

        Assert.True(new KafkaLagOptionsValidator().Validate("orders", options).Succeeded);
        Assert.Equal((true, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)), (options.Enabled, options.PollInterval, options.ReadTimeout));
        Assert.Equal((10L, (int?)null, 100), (options.Trigger.LagThreshold, options.ScaledObject.MinReplicaCount, options.ScaledObject.MaxReplicaCount));
    }

    public static TheoryData<string, Action<KafkaLagOptions>, string[]> Invalid => new()
    {
        { "poll interval zero", o => o.PollInterval = TimeSpan.Zero, ["Kafka:Workers:orders:Lag:PollInterval is 00:00:00", "00:00:00.1000000 and 01:00:00"] },
        { "poll interval too long", o => o.PollInterval = TimeSpan.FromHours(2), ["Kafka:Workers:orders:Lag:PollInterval is 02:00:00"] },
        { "read timeout too long", o => o.ReadTimeout = TimeSpan.FromMinutes(6), ["Kafka:Workers:orders:Lag:ReadTimeout is 00:06:00", "00:05:00"] },
        { "lag threshold zero", o => o.Trigger.LagThreshold = 0, ["Kafka:Workers:orders:Lag:Trigger is refused", "LagThreshold (lagThreshold) must be greater than zero"] },
        { "negative activation", o => o.Trigger.ActivationLagThreshold = -1, ["Kafka:Workers:orders:Lag:Trigger", "ActivationLagThreshold"] },
        { "bad partition limitation", o => { o.Trigger.Topic = "orders"; o.Trigger.PartitionLimitation = "1,,2"; }, ["Kafka:Workers:orders:Lag:Trigger", "PartitionLimitation"] },
        { "refused combination", o => { o.Trigger.AllowIdleConsumers = true; o.Trigger.LimitToPartitionsWithLag = true; }, ["Kafka:Workers:orders:Lag:Trigger", "AllowIdleConsumers and LimitToPartitionsWithLag"] },
        { "max replicas zero", o => o.ScaledObject.MaxReplicaCount = 0, ["Kafka:Workers:orders:Lag:ScaledObject is refused", "MaxReplicaCount must be at least 1"] },
        { "idle not below min", o => o.ScaledObject.IdleReplicaCount = 0, ["Kafka:Workers:orders:Lag:ScaledObject", "IdleReplicaCount"] },
        { "trigger missing", o => o.Trigger = null!, ["Kafka:Workers:orders:Lag:Trigger is not set"] },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_are_refused_with_their_path(string name, Action<KafkaLagOptions> configure, string[] expected)
    {
        _ = name;
        var options = new KafkaLagOptions();
        configure(options);

        var result = new KafkaLagOptionsValidator().Validate("orders", options);

        Assert.True(result.Failed);
        Assert.All(expected, e => Assert.Contains(e, result.FailureMessage, StringComparison.Ordinal));
    }

    [Fact]
    public void Several_failures_are_reported_together()
    {
        var options = new KafkaLagOptions { PollInterval = TimeSpan.Zero, Trigger = { LagThreshold = 0 } };

        var result = new KafkaLagOptionsValidator().Validate("orders", options);

        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void Options_are_bound_per_worker_from_the_workers_Lag_section_then_configured_in_code()
    {
        using var provider = Services(new()
        {
            ["Kafka:Workers:orders:Lag:PollInterval"] = "00:00:30",
            ["Kafka:Workers:orders:Lag:Trigger:Topic"] = "orders",
            ["Kafka:Workers:orders:Lag:Trigger:LagThreshold"] = "50",
            ["Kafka:Workers:orders:Lag:Trigger:OffsetResetPolicy"] = "Earliest",
            ["Kafka:Workers:orders:Lag:Trigger:PartitionLimitation"] = "0-2",
            ["Kafka:Workers:orders:Lag:ScaledObject:MaxReplicaCount"] = "6",
            ["Kafka:Workers:payments:Lag:Enabled"] = "false",
        }, s => s.AddKafkaLagMonitor("orders", o => o.ScaledObject.MinReplicaCount = 1));
        var monitor = provider.GetRequiredService<IOptionsMonitor<KafkaLagOptions>>();

        var orders = monitor.Get("orders");
        Assert.Equal(TimeSpan.FromSeconds(30), orders.PollInterval);
        Assert.Equal(("orders", 50L, KedaOffsetResetPolicy.Earliest, "0-2"),
            (orders.Trigger.Topic, orders.Trigger.LagThreshold, orders.Trigger.OffsetResetPolicy, orders.Trigger.PartitionLimitation));
        Assert.Equal((1, 6), (orders.ScaledObject.MinReplicaCount, orders.ScaledObject.MaxReplicaCount));
        Assert.False(monitor.Get("payments").Enabled);
        Assert.Equal(10, monitor.Get("payments").Trigger.LagThreshold);
    }

    [Fact]
    public void The_KEDA_attribute_on_the_handler_gives_the_defaults_and_configuration_overrides_them()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:Workers:declared:Lag:Trigger:LagThreshold"] = "20" })
            .Build());
        services.AddKafkaWorker<DeclaredHandler>();
        services.AddKafkaWorker<NoopHandler>("plain");
        services.AddKafkaLagMonitor();
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<KafkaLagOptions>>();

        var declared = monitor.Get("declared");
        Assert.Equal(TimeSpan.FromSeconds(30), declared.PollInterval);
        Assert.Equal(
            ("orders", 20L, 5L, KedaOffsetResetPolicy.Earliest, "0-2", true, false),
            (declared.Trigger.Topic, declared.Trigger.LagThreshold, declared.Trigger.ActivationLagThreshold, declared.Trigger.OffsetResetPolicy,
                declared.Trigger.PartitionLimitation, declared.Trigger.EnsureEvenDistributionOfPartitions, declared.Trigger.AllowIdleConsumers));
        Assert.Equal(((int?)2, 6, (int?)0), (declared.ScaledObject.MinReplicaCount, declared.ScaledObject.MaxReplicaCount, declared.ScaledObject.IdleReplicaCount));

        // Without an attribute (or without a property in it) KEDA's defaults stay.
        var plain = monitor.Get("plain");
        Assert.Equal((TimeSpan.FromSeconds(10), (string?)null, 10L), (plain.PollInterval, plain.Trigger.Topic, plain.Trigger.LagThreshold));
        Assert.Equal(((int?)null, 100, (int?)null), (plain.ScaledObject.MinReplicaCount, plain.ScaledObject.MaxReplicaCount, plain.ScaledObject.IdleReplicaCount));
    }

    [Fact]
    public void A_ScaledJob_attribute_gives_the_trigger_and_replica_bounds()
    {
        var services = new ServiceCollection();
        services.AddKafkaWorker<JobHandler>();
        services.AddKafkaLagMonitor();
        using var provider = services.BuildServiceProvider();

        var job = provider.GetRequiredService<IOptionsMonitor<KafkaLagOptions>>().Get("job");

        Assert.Equal((25L, true, 4), (job.Trigger.LagThreshold, job.Trigger.ExcludePersistentLag, job.ScaledObject.MaxReplicaCount));
        Assert.Null(job.Trigger.Topic);
    }

    [Fact]
    public void The_HPA_behavior_of_the_attribute_is_the_one_the_generator_writes()
    {
        var services = new ServiceCollection();
        services.AddKafkaWorker<BehaviorHandler>();
        services.AddKafkaWorker<DeclaredHandler>();
        services.AddKafkaLagMonitor();
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<KafkaLagOptions>>();

        var behavior = monitor.Get("behavior").ScaledObject.Behavior;
        Assert.NotNull(behavior);
        Assert.Equal((0, (HpaSelectPolicy?)HpaSelectPolicy.Min), (behavior.ScaleUp!.StabilizationWindowSeconds, behavior.ScaleUp.SelectPolicy));
        Assert.Equal(
            [(HpaScalingPolicyType.Pods, 2, 60), (HpaScalingPolicyType.Percent, 50, 15)],
            behavior.ScaleUp.Policies!.Select(p => (p.Type, p.Value, p.PeriodSeconds)));
        Assert.Equal((120, (HpaSelectPolicy?)null), (behavior.ScaleDown!.StabilizationWindowSeconds, behavior.ScaleDown.SelectPolicy));
        Assert.Null(behavior.ScaleDown.Policies); // Kubernetes' default policy
        Assert.True(new KafkaLagOptionsValidator().Validate("behavior", monitor.Get("behavior")).Succeeded);

        // No behavior property written: KEDA creates the HPA without a behavior.
        Assert.Null(monitor.Get("declared").ScaledObject.Behavior);
    }

    [Fact]
    public void The_HPA_behavior_binds_from_configuration_and_is_validated()
    {
        using var provider = Services(new()
        {
            ["Kafka:Workers:orders:Lag:ScaledObject:Behavior:ScaleDown:StabilizationWindowSeconds"] = "60",
            ["Kafka:Workers:orders:Lag:ScaledObject:Behavior:ScaleUp:SelectPolicy"] = "Disabled",
            ["Kafka:Workers:orders:Lag:ScaledObject:Behavior:ScaleUp:Policies:0:Type"] = "Percent",
            ["Kafka:Workers:orders:Lag:ScaledObject:Behavior:ScaleUp:Policies:0:Value"] = "0",
        }, s => s.AddKafkaLagMonitor());
        var options = provider.GetRequiredService<IOptionsMonitor<KafkaLagOptions>>();

        var error = Assert.Throws<OptionsValidationException>(() => options.Get("orders"));

        Assert.Contains("Kafka:Workers:orders:Lag:ScaledObject is refused: Behavior:ScaleUp:Policies:0:Value must be greater than zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_apache_kafka_trigger_is_refused_clearly()
    {
        using var provider = Services(new() { ["Kafka:Workers:orders:Lag:Trigger:Type"] = "apache-kafka" }, s => s.AddKafkaLagMonitor());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<KafkaLagOptions>>().Get("orders"));

        Assert.Contains("Type (trigger type) 'apache-kafka' is not modelled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_setting_in_configuration_fails_the_monitors_start_naming_it()
    {
        using var provider = Services(new() { ["Kafka:Workers:orders:Lag:Trigger:LagThreshold"] = "0" }, s => s.AddKafkaLagMonitor());

        var monitor = provider.GetRequiredService<KafkaLagMonitor>();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => monitor.StartAsync(CancellationToken.None));

        Assert.Contains("Kafka:Workers:orders:Lag:Trigger is refused: LagThreshold", error.Message, StringComparison.Ordinal);
        Assert.Empty(monitor.Workers);
    }

    [Fact]
    public async Task A_disabled_worker_is_not_monitored_and_an_unknown_worker_has_no_snapshot()
    {
        using var provider = Services(new() { ["Kafka:Workers:orders:Lag:Enabled"] = "false" }, s => s.AddKafkaLagMonitor());

        var monitor = provider.GetRequiredService<IKafkaLagMonitor>();
        await ((KafkaLagMonitor)monitor).StartAsync(CancellationToken.None);

        Assert.Same(monitor, provider.GetRequiredService<KafkaLagMonitor>());
        Assert.Empty(monitor.Workers);
        Assert.Null(monitor.GetSnapshot("orders"));
        Assert.Null(monitor.GetSnapshot("unknown"));
        Assert.Empty(monitor.GetSnapshots());
    }

    [Fact]
    public void Adding_the_monitor_twice_adds_it_once()
    {
        var services = new ServiceCollection().AddKafkaLagMonitor().AddKafkaLagMonitor();

        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService));
        Assert.Single(services, d => d.ServiceType == typeof(IKafkaLagMonitor));
        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<KafkaLagOptions>));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddKafkaWorker<NoopHandler>("orders", o =>
        {
            o.BootstrapServers = "127.0.0.1:1";
            o.GroupId = "orders";
            o.Topics = ["orders"];
        });
        configure(services);
        return services.BuildServiceProvider();
    }

    private class NoopHandler : IKafkaHandler<string, string>
    {
        public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    [KafkaWorker("declared", Topics = ["orders"], GroupId = "orders-processor")]
    [KedaScaledObject(PollingInterval = 30, MinReplicaCount = 2, MaxReplicaCount = 6, IdleReplicaCount = 0, LagThreshold = 50,
        ActivationLagThreshold = 5, OffsetResetPolicy = KedaOffsetResetPolicy.Earliest, PartitionLimitation = "0-2",
        EnsureEvenDistributionOfPartitions = true, Partitions = 6)]
    private sealed class DeclaredHandler : NoopHandler;

    [KafkaWorker("behavior", Topics = ["orders"], GroupId = "orders-processor")]
    [KedaScaledObject(ScaleUpStabilizationWindowSeconds = 0, ScaleUpSelectPolicy = HpaSelectPolicy.Min, ScaleUpPods = 2,
        ScaleUpPodsPeriodSeconds = 60, ScaleUpPercent = 50, ScaleDownStabilizationWindowSeconds = 120)]
    private sealed class BehaviorHandler : NoopHandler;

    // Two topics: the generated trigger names none, so neither does the monitor.
    [KafkaWorker("job", Topics = ["a", "b"], GroupId = "jobs")]
    [KedaScaledJob(MaxReplicaCount = 4, LagThreshold = 25, ExcludePersistentLag = true)]
    private sealed class JobHandler : NoopHandler;
}
