using Confluent.Kafka;
using KafkaWorkers.Hosting;

namespace KafkaWorkers.Tests.Hosting;

public sealed class ConsumerConfigFactoryTests
{
    private static readonly Dictionary<string, string?> NotInKubernetes = [];

    [Fact]
    public void Defaults_are_cooperative_sticky_with_stored_offsets_committed_in_the_background()
    {
        var config = ConsumerConfigFactory.Create("orders", Options(o => o.CommitInterval = TimeSpan.FromSeconds(3)), Env(NotInKubernetes));

        Assert.Equal(PartitionAssignmentStrategy.CooperativeSticky, config.PartitionAssignmentStrategy);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.True(config.EnableAutoCommit);
        Assert.Equal(3000, config.AutoCommitIntervalMs);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Null(config.GroupInstanceId);
        Assert.Equal("orders", config.ClientId);
        Assert.Equal("group", config.GroupId);
    }

    [Fact]
    public void Raw_settings_pass_through_and_the_consumer_protocol_is_selected_by_the_typed_option()
    {
        var config = ConsumerConfigFactory.Create("orders", Options(o =>
        {
            o.GroupProtocol = KafkaGroupProtocol.Consumer;
            o.Consumer["auto.offset.reset"] = "latest";
            o.Consumer["security.protocol"] = "SASL_SSL";
        }), Env(NotInKubernetes));

        Assert.Equal("consumer", config.Get("group.protocol"));
        Assert.Null(config.PartitionAssignmentStrategy);
        Assert.Equal(AutoOffsetReset.Latest, config.AutoOffsetReset);
        Assert.Equal("SASL_SSL", config.Get("security.protocol"));
    }

    [Theory]
    [InlineData("orders-7f9c-x2x", "other", null, "orders-7f9c-x2x-orders")]
    [InlineData(null, "orders-host", null, "orders-host-orders")]
    [InlineData("pod", "host", "explicit", "explicit")]
    public void In_a_pod_the_group_instance_id_comes_from_the_pod_name(string? pod, string? host, string? explicitId, string expected)
    {
        var env = new Dictionary<string, string?> { [ConsumerConfigFactory.KubernetesVariable] = "10.0.0.1", ["POD_NAME"] = pod, ["HOSTNAME"] = host };

        var config = ConsumerConfigFactory.Create("orders", Options(o => o.GroupInstanceId = explicitId), Env(env));

        Assert.Equal(expected, config.GroupInstanceId);
    }

    [Fact]
    public void Static_membership_can_be_switched_off()
    {
        var env = new Dictionary<string, string?> { [ConsumerConfigFactory.KubernetesVariable] = "10.0.0.1", ["POD_NAME"] = "pod" };

        Assert.Null(ConsumerConfigFactory.Create("orders", Options(o => o.StaticMembership = false), Env(env)).GroupInstanceId);
    }

    private static KafkaWorkerOptions Options(Action<KafkaWorkerOptions> configure)
    {
        var options = new KafkaWorkerOptions { BootstrapServers = "b:9092", GroupId = "group", Topics = ["t"] };
        configure(options);
        return options;
    }

    private static Func<string, string?> Env(Dictionary<string, string?> values) => name => values.GetValueOrDefault(name);
}
