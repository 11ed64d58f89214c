using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using KafkaWorkers.Generators.Model;
using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators;

/// <summary>
/// Turns a handler class carrying <c>[KedaScaledObject]</c> or <c>[KedaScaledJob]</c> into a symbol-free
/// <see cref="ParseResult"/>: the manifest model and the diagnostics, each pointing at the argument at fault.
/// </summary>
internal sealed partial class KedaManifestParser
{
    public const string KafkaWorkerAttributeName = "KafkaWorkers.KafkaWorkerAttribute";
    public const string ScaledObjectAttributeName = "KafkaWorkers.KedaScaledObjectAttribute";
    public const string ScaledJobAttributeName = "KafkaWorkers.KedaScaledJobAttribute";
    public const string TriggerAuthenticationAttributeName = "KafkaWorkers.KedaTriggerAuthenticationAttribute";

    /// <summary>The environment form of the app's <c>Kafka:BootstrapServers</c> configuration key.</summary>
    public const string BootstrapServersEnvironmentVariable = "Kafka__BootstrapServers";

    private const int DefaultMaxReplicaCount = 100;
    private const int DefaultCooldownPeriod = 300;
    private const int DefaultShutdownTimeoutSeconds = 25;
    private const int MaxStabilizationWindowSeconds = 3600;
    private const int MaxPolicyPeriodSeconds = 1800;
    private const int DefaultPolicyPeriodSeconds = 15;

    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly INamedTypeSymbol _type;
    private readonly CancellationToken _cancellationToken;
    private readonly string _typeName;
    private Location? _workerNameLocation;

    private KedaManifestParser(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        _type = type;
        _cancellationToken = cancellationToken;
        _typeName = type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
    }

    private bool HasErrors => _diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

    /// <summary>Parses the class that <paramref name="context"/> found through one of the scaler attributes.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, bool isScaledJob, CancellationToken cancellationToken) =>
        ParseManifest(context, parser => parser.Parse(isScaledJob), cancellationToken);

    /// <summary>Parses a class found through <c>[KedaTriggerAuthentication]</c>: only a class without a scaler needs a word.</summary>
    public static ParseResult ParseAuthenticationOnly(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        ParseCompanion(
            context,
            TriggerAuthenticationAttributeName,
            parser => parser.Find(ScaledObjectAttributeName) is null && parser.Find(ScaledJobAttributeName) is null,
            DiagnosticDescriptors.AuthenticationWithoutScaler,
            cancellationToken);

    /// <summary>Parses a class found through <c>[KubernetesDeployment]</c>: only a class without a ScaledObject needs a word.</summary>
    public static ParseResult ParseDeploymentOnly(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        ParseCompanion(
            context,
            KubernetesDeploymentAttributeName,
            parser => parser.Find(ScaledObjectAttributeName) is null,
            DiagnosticDescriptors.DeploymentWithoutScaledObject,
            cancellationToken);

    /// <summary>A class found through an attribute that adds to a scaler: reports it when the scaler is missing.</summary>
    private static ParseResult ParseCompanion(
        GeneratorAttributeSyntaxContext context,
        string attributeName,
        Func<KedaManifestParser, bool> lacksScaler,
        DiagnosticDescriptor descriptor,
        CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var parser = new KedaManifestParser(type, cancellationToken);
        if (lacksScaler(parser))
        {
            parser.Report(descriptor, parser.Find(attributeName)!.Location, parser._typeName);
        }

        return new ParseResult(null, new EquatableArray<DiagnosticInfo>(parser._diagnostics));
    }

    /// <summary>Runs one of the manifest parses over the class <paramref name="context"/> found.</summary>
    private static ParseResult ParseManifest(
        GeneratorAttributeSyntaxContext context, Func<KedaManifestParser, WorkerManifestSpec?> parse, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        var parser = new KedaManifestParser(type, cancellationToken);
        var manifest = parse(parser);
        return new ParseResult(manifest, new EquatableArray<DiagnosticInfo>(parser._diagnostics), parser._workerNameLocation);
    }

    /// <summary>The handler class's fully qualified name, for the manifest's header comment.</summary>
    private string HandlerTypeName => _type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty);

    private WorkerManifestSpec? Parse(bool isScaledJob)
    {
        var scaledObject = Find(ScaledObjectAttributeName);
        var scaledJob = Find(ScaledJobAttributeName);
        if (scaledObject is not null && scaledJob is not null)
        {
            // Both pipelines see this class; the ScaledObject one reports it, once.
            if (!isScaledJob)
            {
                Report(DiagnosticDescriptors.ScaledObjectAndScaledJob, scaledJob.Location, _typeName);
            }

            return null;
        }

        var scaler = (isScaledJob ? scaledJob : scaledObject)!;
        var worker = Find(KafkaWorkerAttributeName);
        if (worker is null)
        {
            Report(DiagnosticDescriptors.ScalerWithoutKafkaWorker, scaler.Location, _typeName, scaler.DisplayName);
            return null;
        }

        if (isScaledJob && !IsHandler())
        {
            Report(DiagnosticDescriptors.ScaledJobNotAHandler, scaler.Location, _typeName);
        }

        var workerName = worker.ConstructorString(0) ?? string.Empty;
        _workerNameLocation = worker.ConstructorLocation(0);
        var resourceName = ParseResourceName(scaler, worker, workerName, isScaledJob);
        var triggerMetadata = ParseTrigger(scaler, worker, workerName);
        var authentication = ParseAuthentication(workerName, triggerMetadata);
        var manifestObject = isScaledJob ? null : ParseScaledObject(scaler, worker, workerName);
        var manifestJob = isScaledJob ? ParseScaledJob(scaler, workerName) : null;
        CheckReplicas(scaler, isScaledJob);
        var deployment = isScaledJob ? null : Find(KubernetesDeploymentAttributeName);
        var deploymentSpec = ParseDeployment(deployment, scaler, manifestObject);
        if (isScaledJob)
        {
            CheckJobDeadline(scaler, worker);
        }

        // A pod is part of the output of a ScaledJob (its job template) and of [KubernetesDeployment] only.
        var pod = (isScaledJob ? scaler : deployment) is { } podSource
            ? ParsePod(podSource, isScaledJob ? "ScaledJob" : "Deployment", worker, workerName, triggerMetadata, authentication)
            : null;

        return HasErrors
            ? null
            : new WorkerManifestSpec(
                workerName,
                HandlerTypeName,
                resourceName,
                "kafka",
                null,
                new EquatableArray<KeyValue>(triggerMetadata),
                authentication,
                manifestObject,
                manifestJob,
                pod,
                deploymentSpec);
    }

    private AttributeReader? Find(string metadataName)
    {
        var attribute = _type.GetAttributes().FirstOrDefault(
            a => a.AttributeClass?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == "global::" + metadataName);
        return attribute is null ? null : new AttributeReader(attribute, _cancellationToken);
    }

    private bool IsHandler() =>
        _type.AllInterfaces.Any(i =>
            i.OriginalDefinition.ToDisplayString() is "KafkaWorkers.IKafkaHandler<TKey, TValue>" or "KafkaWorkers.IKafkaBatchHandler<TKey, TValue>");

    private string ParseResourceName(AttributeReader scaler, AttributeReader worker, string workerName, bool isScaledJob)
    {
        var explicitName = scaler.String("Name");
        var name = explicitName ?? workerName;
        var kind = isScaledJob ? "ScaledJob" : "ScaledObject";
        var maxLength = isScaledJob ? KubernetesNames.MaxLabelLength : KubernetesNames.MaxScaledObjectNameLength;
        var reason = KubernetesNames.CheckLabel(name, maxLength);
        if (reason is not null)
        {
            var location = explicitName is null ? worker.ConstructorLocation(0) : scaler.LocationOf("Name");
            var what = explicitName is null ? "The " + kind + " name (the worker's name)" : "The " + kind + " name";
            Report(DiagnosticDescriptors.InvalidKubernetesName, location, what, name, reason + "; set Name");
        }

        return name;
    }

    private int? RangedInt(AttributeReader reader, string property, int minimum, int maximum = int.MaxValue)
    {
        var value = reader.Int(property);
        if (value < minimum || value > maximum)
        {
            Report(
                DiagnosticDescriptors.ValueOutOfRange,
                reader.LocationOf(property),
                property,
                Invariant(value.Value),
                maximum != int.MaxValue ? "from " + Invariant(minimum) + " to " + Invariant(maximum)
                    : minimum == 0 ? "zero or more"
                    : "at least " + Invariant(minimum));
        }

        return value;
    }

    /// <summary>The YAML word for the enum member a property holds, by the member's name; KW1014 for a value no member has.</summary>
    private string? EnumName(AttributeReader reader, string property, IReadOnlyDictionary<string, string> yamlByMember)
    {
        var member = reader.EnumMember(property);
        if (member is null)
        {
            return null;
        }

        if (!yamlByMember.TryGetValue(member, out var yaml))
        {
            Report(
                DiagnosticDescriptors.ValueOutOfRange,
                reader.LocationOf(property),
                property,
                Invariant(reader.Int(property) ?? 0),
                "one of the enum's named values");
            return null;
        }

        return yaml;
    }

    private void CheckReplicas(AttributeReader scaler, bool isScaledJob)
    {
        var min = RangedInt(scaler, "MinReplicaCount", 0);
        var max = RangedInt(scaler, "MaxReplicaCount", 1);
        var partitions = RangedInt(scaler, "Partitions", 1);
        var effectiveMax = max ?? DefaultMaxReplicaCount;
        if (isScaledJob)
        {
            // KEDA accepts such a ScaledJob: MinReplicaCount() clamps a minimum above a set maximum to it.
            if (min > max)
            {
                Report(DiagnosticDescriptors.ScaledJobMinClamped, scaler.LocationOf("MinReplicaCount"), Invariant(min.Value), Invariant(max!.Value));
            }
        }
        else if ((min ?? 0) > effectiveMax)
        {
            Report(
                DiagnosticDescriptors.MinReplicasAboveMax,
                scaler.LocationOf(min is null ? "MaxReplicaCount" : "MinReplicaCount"),
                Invariant(min ?? 0),
                Invariant(effectiveMax));
        }

        if (partitions is > 0)
        {
            CheckPartitionCap(scaler, partitions.Value, min, max, isScaledJob);
        }
    }

    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        _diagnostics.Add(new DiagnosticInfo(descriptor, location, new EquatableArray<string>(arguments)));

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
