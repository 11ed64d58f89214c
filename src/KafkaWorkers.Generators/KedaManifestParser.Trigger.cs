using System.Collections.Generic;
using KafkaWorkers.Generators.Model;
using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators;

/// <summary>The kafka trigger and its TriggerAuthentication.</summary>
internal sealed partial class KedaManifestParser
{
    private List<KeyValue> ParseTrigger(AttributeReader scaler, AttributeReader worker, string workerName)
    {
        var metadata = new List<KeyValue>();
        var bootstrapServers = scaler.String("BootstrapServers");
        metadata.Add(bootstrapServers is null
            ? new KeyValue("bootstrapServersFromEnv", scaler.String("BootstrapServersFromEnv") ?? BootstrapServersEnvironmentVariable)
            : new KeyValue("bootstrapServers", bootstrapServers));

        var groupId = worker.String("GroupId");
        metadata.Add(groupId is null
            ? new KeyValue("consumerGroupFromEnv", "Kafka__Workers__" + workerName + "__GroupId")
            : new KeyValue("consumerGroup", groupId));

        var topics = worker.Strings("Topics");
        if (topics.Count == 1)
        {
            metadata.Add(new KeyValue("topic", topics[0]));
        }

        var lagThreshold = scaler.Int("LagThreshold");
        if (lagThreshold <= 0)
        {
            Report(DiagnosticDescriptors.InvalidLagThreshold, scaler.LocationOf("LagThreshold"), "lagThreshold", Invariant(lagThreshold.Value), "greater than zero");
        }

        var activationLagThreshold = scaler.Int("ActivationLagThreshold");
        if (activationLagThreshold < 0)
        {
            Report(DiagnosticDescriptors.InvalidLagThreshold, scaler.LocationOf("ActivationLagThreshold"), "activationLagThreshold", Invariant(activationLagThreshold.Value), "zero or more");
        }

        AddIfSet(metadata, "lagThreshold", lagThreshold is null ? null : Invariant(lagThreshold.Value));
        AddIfSet(metadata, "activationLagThreshold", activationLagThreshold is null ? null : Invariant(activationLagThreshold.Value));
        AddIfSet(metadata, "offsetResetPolicy", EnumName(scaler, "OffsetResetPolicy", YamlWords.OffsetResetPolicy));
        AddBool(metadata, scaler, "AllowIdleConsumers", "allowIdleConsumers");
        AddBool(metadata, scaler, "ScaleToZeroOnInvalidOffset", "scaleToZeroOnInvalidOffset");
        AddBool(metadata, scaler, "ExcludePersistentLag", "excludePersistentLag");
        AddBool(metadata, scaler, "LimitToPartitionsWithLag", "limitToPartitionsWithLag");
        AddBool(metadata, scaler, "EnsureEvenDistributionOfPartitions", "ensureEvenDistributionOfPartitions");
        var partitionLimitation = scaler.String("PartitionLimitation");
        AddIfSet(metadata, "partitionLimitation", partitionLimitation);

        if (scaler.Bool("AllowIdleConsumers") == true && scaler.Bool("LimitToPartitionsWithLag") == true)
        {
            Report(DiagnosticDescriptors.IdleConsumersWithPartitionsWithLag, scaler.LocationOf("LimitToPartitionsWithLag"));
        }

        if (!KafkaWorkers.Lag.PartitionLimitation.TryParse(partitionLimitation, out _, out _))
        {
            Report(DiagnosticDescriptors.MalformedPartitionLimitation, scaler.LocationOf("PartitionLimitation"), partitionLimitation!);
        }

        if (topics.Count != 1)
        {
            var declared = Invariant(topics.Count) + (topics.Count == 1 ? " topic" : " topics");
            foreach (var property in new[] { "LimitToPartitionsWithLag", "EnsureEvenDistributionOfPartitions", "PartitionLimitation" })
            {
                if (scaler.Bool(property) == true || (property == "PartitionLimitation" && partitionLimitation is not null))
                {
                    Report(DiagnosticDescriptors.PartitionSettingNeedsSingleTopic, scaler.LocationOf(property), property, workerName, declared);
                }
            }
        }

        return metadata;
    }

    private TriggerAuthenticationSpec? ParseAuthentication(string workerName, List<KeyValue> triggerMetadata)
    {
        var authentication = Find(TriggerAuthenticationAttributeName);
        if (authentication is null)
        {
            return null;
        }

        var secretName = authentication.ConstructorString(0) ?? string.Empty;
        CheckName(authentication.ConstructorLocation(0), "The secret name", secretName);
        var name = authentication.String("Name");
        CheckName(authentication.LocationOf("Name"), "The TriggerAuthentication name", name);

        var references = new List<SecretReference>();
        var sasl = EnumName(authentication, "Sasl", YamlWords.SaslMechanism);
        var saslKey = authentication.String("SaslKey");
        if (saslKey is null)
        {
            AddIfSet(triggerMetadata, "sasl", sasl);
        }
        else
        {
            references.Add(new SecretReference("sasl", saslKey));
        }

        var usesSasl = saslKey is not null || (sasl is not null && sasl != "none");
        AddReference(references, authentication, "UsernameKey", "username", usesSasl ? "username" : null);
        AddReference(references, authentication, "PasswordKey", "password", usesSasl ? "password" : null);

        var tlsKey = authentication.String("TlsKey");
        if (tlsKey is null)
        {
            var tls = authentication.Bool("Tls");
            AddIfSet(triggerMetadata, "tls", tls is null ? null : tls.Value ? "enable" : "disable");
        }
        else
        {
            references.Add(new SecretReference("tls", tlsKey));
        }

        AddReference(references, authentication, "CaKey", "ca", null);
        AddReference(references, authentication, "CertKey", "cert", null);
        AddReference(references, authentication, "KeyKey", "key", null);
        return new TriggerAuthenticationSpec(name ?? workerName + "-kafka-auth", secretName, new EquatableArray<SecretReference>(references));
    }

    private void CheckName(Location? location, string what, string? name)
    {
        var reason = name is null ? null : KubernetesNames.CheckSubdomain(name);
        if (reason is not null)
        {
            Report(DiagnosticDescriptors.InvalidKubernetesName, location, what, name!, reason);
        }
    }

    private static void AddReference(List<SecretReference> references, AttributeReader reader, string property, string parameter, string? defaultKey)
    {
        var key = reader.String(property) ?? defaultKey;
        if (key is not null)
        {
            references.Add(new SecretReference(parameter, key));
        }
    }

    private static void AddBool(List<KeyValue> metadata, AttributeReader reader, string property, string key)
    {
        var value = reader.Bool(property);
        AddIfSet(metadata, key, value is null ? null : value.Value ? "true" : "false");
    }

    private static void AddIfSet(List<KeyValue> entries, string key, string? value)
    {
        if (value is not null)
        {
            entries.Add(new KeyValue(key, value));
        }
    }
}
