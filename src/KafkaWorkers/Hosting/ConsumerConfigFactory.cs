using Confluent.Kafka;

namespace KafkaWorkers.Hosting;

/// <summary>Builds a worker's librdkafka consumer configuration from its options.</summary>
internal static class ConsumerConfigFactory
{
    /// <summary>The environment variable whose presence tells that the process runs in a Kubernetes pod.</summary>
    internal const string KubernetesVariable = "KUBERNETES_SERVICE_HOST";

    public static ConsumerConfig Create(string worker, KafkaWorkerOptions options, Func<string, string?> environment)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(options.Consumer, StringComparer.Ordinal))
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.GroupId,
            // librdkafka commits only offsets the worker stored (after their messages completed), in the background.
            EnableAutoCommit = true,
            AutoCommitIntervalMs = (int)options.CommitInterval.TotalMilliseconds,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
        };
        if (options.GroupProtocol == KafkaGroupProtocol.Consumer)
        {
            config.Set("group.protocol", "consumer");
        }
        else
        {
            config.PartitionAssignmentStrategy ??= PartitionAssignmentStrategy.CooperativeSticky;
        }

        config.AutoOffsetReset ??= AutoOffsetReset.Earliest;
        config.GroupInstanceId = GroupInstanceId(worker, options, environment);
        config.ClientId ??= config.GroupInstanceId ?? worker;
        return config;
    }

    /// <summary>
    /// The static membership id: the explicit <see cref="KafkaWorkerOptions.GroupInstanceId"/>, else, in a Kubernetes pod
    /// with <see cref="KafkaWorkerOptions.StaticMembership"/> on, <c>{POD_NAME or HOSTNAME}-{worker}</c>; else none.
    /// </summary>
    public static string? GroupInstanceId(string worker, KafkaWorkerOptions options, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(options.GroupInstanceId))
        {
            return options.GroupInstanceId;
        }

        if (!options.StaticMembership || string.IsNullOrEmpty(environment(KubernetesVariable)))
        {
            return null;
        }

        var pod = environment("POD_NAME");
        if (string.IsNullOrWhiteSpace(pod))
        {
            pod = environment("HOSTNAME");
        }

        return string.IsNullOrWhiteSpace(pod) ? null : $"{pod}-{worker}";
    }
}
