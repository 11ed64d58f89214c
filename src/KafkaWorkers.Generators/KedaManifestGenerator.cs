using System;
using System.Threading;
using KafkaWorkers.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KafkaWorkers.Generators;

/// <summary>
/// Turns <c>[KafkaWorker]</c> handler classes with <c>[KedaScaledObject]</c> or <c>[KedaScaledJob]</c> (and optionally
/// <c>[KedaTriggerAuthentication]</c>) into KEDA manifests: the <c>KafkaWorkers.Generated.KedaManifests</c> class and
/// compile-time diagnostics KW1001 to KW1016.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KedaManifestGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var scaledObjects = Classes(
            context,
            KedaManifestParser.ScaledObjectAttributeName,
            static (syntax, cancellationToken) => KedaManifestParser.Parse(syntax, isScaledJob: false, cancellationToken),
            TrackingNames.ScaledObjects);
        var scaledJobs = Classes(
            context,
            KedaManifestParser.ScaledJobAttributeName,
            static (syntax, cancellationToken) => KedaManifestParser.Parse(syntax, isScaledJob: true, cancellationToken),
            TrackingNames.ScaledJobs);
        var authentications = Classes(
            context,
            KedaManifestParser.TriggerAuthenticationAttributeName,
            KedaManifestParser.ParseAuthenticationOnly,
            TrackingNames.TriggerAuthentications);

        var project = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName ?? "app"))
            .Select(static (input, _) => ReadProject(input.Left.GlobalOptions, input.Right))
            .WithTrackingName(TrackingNames.Project);

        var rendered = scaledObjects.Collect()
            .Combine(scaledJobs.Collect())
            .Combine(authentications.Collect())
            .Combine(project)
            .Select(static (input, _) => KedaManifestRenderer.Render(
                input.Left.Left.Left.AddRange(input.Left.Left.Right).AddRange(input.Left.Right),
                input.Right))
            .WithTrackingName(TrackingNames.Rendered);

        context.RegisterSourceOutput(rendered, static (output, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            output.AddSource(
                KedaManifestsSourceEmitter.HintName,
                SourceText.From(KedaManifestsSourceEmitter.Emit(result.Manifests), System.Text.Encoding.UTF8));
        });
    }

    /// <summary>The classes carrying one of the attributes, parsed into symbol-free results.</summary>
    private static IncrementalValuesProvider<ParseResult> Classes(
        IncrementalGeneratorInitializationContext context,
        string attributeName,
        Func<GeneratorAttributeSyntaxContext, CancellationToken, ParseResult> parse,
        string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attributeName, static (node, _) => node is ClassDeclarationSyntax, parse)
            .WithTrackingName(trackingName);

    private static ProjectSpec ReadProject(AnalyzerConfigOptions options, string assemblyName) =>
        new(
            assemblyName,
            Property(options, "KafkaWorkersKedaTargetName"),
            Property(options, "KafkaWorkersKedaNamespace"),
            Property(options, "ContainerRepository"),
            Property(options, "ContainerImageTag"));

    private static string? Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
