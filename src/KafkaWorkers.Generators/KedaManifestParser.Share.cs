using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using KafkaWorkers.Generators.Model;
using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators;

/// <summary>The ScaledObject of a share worker (<c>[KedaShareScaledObject]</c>): a <c>prometheus</c> trigger on what its pods export.</summary>
internal sealed partial class KedaManifestParser
{
    public const string ShareScaledObjectAttributeName = "KafkaWorkers.KedaShareScaledObjectAttribute";

    /// <summary>The threshold of the default busy-ratio query: scale out above 80 % busy.</summary>
    private const string DefaultBusyRatioThreshold = "0.8";

    /// <summary>Parses a class found through <c>[KedaShareScaledObject]</c>.</summary>
    public static ParseResult ParseShare(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        ParseManifest(context, static parser => parser.ParseShareScaledObject(), cancellationToken);

    /// <summary>
    /// The default query: the handler busy ratio over every replica of the worker. The HPA scales a <c>Value</c> metric to
    /// <c>ceil(replicas × ratio / threshold)</c>.
    /// </summary>
    internal static string BusyRatioQuery(string workerName)
    {
        var label = "{kafkaworkers_worker=\"" + workerName.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"}";
        return "sum(kafkaworkers_share_busy_members" + label + ") / sum(kafkaworkers_share_members" + label + ")";
    }

    private WorkerManifestSpec? ParseShareScaledObject()
    {
        var scaler = Find(ShareScaledObjectAttributeName)!;
        var worker = Find(KafkaWorkerAttributeName);
        if (worker is null)
        {
            Report(DiagnosticDescriptors.ScalerWithoutKafkaWorker, scaler.Location, _typeName, scaler.DisplayName);
            return null;
        }

        var workerName = worker.ConstructorString(0) ?? string.Empty;
        _workerNameLocation = worker.ConstructorLocation(0);
        var resourceName = ParseResourceName(scaler, worker, workerName, isScaledJob: false);
        var scaledObject = ParseScaledObject(scaler, worker, workerName);
        CheckReplicas(scaler, isScaledJob: false);
        var min = scaler.Int("MinReplicaCount");
        if (min == 0)
        {
            Report(DiagnosticDescriptors.ShareScaledObjectScalesToZero, scaler.LocationOf("MinReplicaCount"), Invariant(0));
        }

        var query = scaler.String("Query");
        var metadata = ParsePrometheusTrigger(scaler, workerName, query);
        return HasErrors
            ? null
            : new WorkerManifestSpec(
                workerName,
                HandlerTypeName,
                resourceName,
                "prometheus",
                query is null ? "Value" : null,
                new EquatableArray<KeyValue>(metadata),
                null,
                scaledObject with { MinReplicaCount = min ?? 1 },
                null,
                null,
                null);
    }

    private List<KeyValue> ParsePrometheusTrigger(AttributeReader scaler, string workerName, string? query)
    {
        var threshold = scaler.String("Threshold");
        if (query is not null && threshold is null)
        {
            Report(DiagnosticDescriptors.ShareQueryWithoutThreshold, scaler.LocationOf("Query"), _typeName);
        }

        CheckDecimal(scaler, "Threshold", threshold, "a decimal number greater than zero", positive: true);
        var activation = scaler.String("ActivationThreshold");
        CheckDecimal(scaler, "ActivationThreshold", activation, "a decimal number, zero or more", positive: false);

        var metadata = new List<KeyValue>
        {
            new("serverAddress", scaler.ConstructorString(0) ?? string.Empty),
            new("query", query ?? BusyRatioQuery(workerName)),
            new("threshold", threshold ?? DefaultBusyRatioThreshold),
        };
        AddIfSet(metadata, "activationThreshold", activation);
        if (metadata[0].Value.Length == 0)
        {
            Report(DiagnosticDescriptors.ValueOutOfRange, scaler.ConstructorLocation(0), "serverAddress", "empty", "the Prometheus server's address");
        }

        return metadata;
    }

    private void CheckDecimal(AttributeReader scaler, string property, string? value, string allowed, bool positive)
    {
        if (value is null)
        {
            return;
        }

        if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || (positive && number <= 0))
        {
            Report(DiagnosticDescriptors.ValueOutOfRange, scaler.LocationOf(property), property, "'" + value + "'", allowed);
        }
    }
}
