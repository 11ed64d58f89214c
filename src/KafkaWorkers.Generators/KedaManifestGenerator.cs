using System;
using System.Linq;
using System.Threading;
using KafkaWorkers.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace KafkaWorkers.Generators;

/// <summary>
/// Turns <c>[KafkaWorker]</c> handler classes with <c>[KedaScaledObject]</c> or <c>[KedaScaledJob]</c> (and optionally
/// <c>[KedaTriggerAuthentication]</c> and <c>[KubernetesDeployment]</c>) into KEDA and Kubernetes manifests: the
/// <c>KafkaWorkers.Generated.KedaManifests</c> class and compile-time diagnostics KW1001 to KW1027. Share workers' handler
/// classes with <c>[KedaShareScaledObject]</c> get a ScaledObject with a <c>prometheus</c> trigger (KW1040, KW1041).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class KedaManifestGenerator : IIncrementalGenerator
{
    /// <summary>The package whose reference turns on the Deployment's health probes (port 8080) by default.</summary>
    private const string AspNetCoreAssemblyName = "KafkaWorkers.AspNetCore";

    /// <inheritdoc/>
    /// <remarks>
    /// Two outputs, as dotnet/runtime's generators do since dotnet/runtime#124994: the manifests are rendered from the
    /// symbol-free model only, so they are cached across unrelated edits; the diagnostics keep their source locations
    /// (and with them the syntax tree), so that <c>#pragma warning</c> and <c>.editorconfig</c> severities apply.
    /// </remarks>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var scaledObjects = Classes(
            context,
            KedaManifestParser.ScaledObjectAttributeName,
            static (syntax, cancellationToken) => KedaManifestParser.Parse(syntax, isScaledJob: false, cancellationToken),
            TrackingNames.ScaledObjectsParsed);
        var scaledJobs = Classes(
            context,
            KedaManifestParser.ScaledJobAttributeName,
            static (syntax, cancellationToken) => KedaManifestParser.Parse(syntax, isScaledJob: true, cancellationToken),
            TrackingNames.ScaledJobsParsed);
        var shareScaledObjects = Classes(
            context,
            KedaManifestParser.ShareScaledObjectAttributeName,
            KedaManifestParser.ParseShare,
            TrackingNames.ShareScaledObjectsParsed);
        var authentications = Classes(
            context,
            KedaManifestParser.TriggerAuthenticationAttributeName,
            KedaManifestParser.ParseAuthenticationOnly,
            TrackingNames.TriggerAuthentications);
        var deployments = Classes(
            context,
            KedaManifestParser.KubernetesDeploymentAttributeName,
            KedaManifestParser.ParseDeploymentOnly,
            TrackingNames.Deployments);

        var project = context.AnalyzerConfigOptionsProvider
            .Combine(context.CompilationProvider.Select(static (compilation, _) => (
                Name: compilation.AssemblyName ?? "app",
                ReferencesAspNetCore: compilation.ReferencedAssemblyNames.Any(static a => a.Name == AspNetCoreAssemblyName))))
            .Select(static (input, _) => ReadProject(input.Left.GlobalOptions, input.Right.Name, input.Right.ReferencesAspNetCore))
            .WithTrackingName(TrackingNames.Project);

        var rendered = Models(scaledObjects, TrackingNames.ScaledObjects).Collect()
            .Combine(Models(scaledJobs, TrackingNames.ScaledJobs).Collect())
            .Combine(Models(shareScaledObjects, TrackingNames.ShareScaledObjects).Collect())
            .Combine(project)
            .Select(static (input, _) => KedaManifestRenderer.Render(
                input.Left.Left.Left.AddRange(input.Left.Left.Right).AddRange(input.Left.Right), input.Right))
            .WithTrackingName(TrackingNames.Rendered);

        context.RegisterSourceOutput(rendered, static (output, result) =>
            output.AddSource(
                KedaManifestsSourceEmitter.HintName,
                SourceText.From(KedaManifestsSourceEmitter.Emit(result.Manifests), System.Text.Encoding.UTF8)));

        var diagnostics = scaledObjects.Collect()
            .Combine(scaledJobs.Collect().Combine(shareScaledObjects.Collect()))
            .Combine(authentications.Collect().Combine(deployments.Collect()))
            .Combine(project)
            .Select(static (input, _) => KedaManifestRenderer.Diagnostics(
                input.Left.Left.Left.AddRange(input.Left.Left.Right.Left).AddRange(input.Left.Left.Right.Right)
                    .AddRange(input.Left.Right.Left).AddRange(input.Left.Right.Right),
                input.Right))
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (output, found) =>
        {
            foreach (var diagnostic in found)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }

    /// <summary>The classes carrying one of the attributes, parsed into models and located diagnostics.</summary>
    private static IncrementalValuesProvider<ParseResult> Classes(
        IncrementalGeneratorInitializationContext context,
        string attributeName,
        Func<GeneratorAttributeSyntaxContext, CancellationToken, ParseResult> parse,
        string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(attributeName, static (node, _) => node is ClassDeclarationSyntax, parse)
            .WithTrackingName(trackingName);

    /// <summary>The symbol-free models of parsed classes: an edit that moves an attribute but changes no value stops here.</summary>
    private static IncrementalValuesProvider<WorkerManifestSpec?> Models(IncrementalValuesProvider<ParseResult> classes, string trackingName) =>
        classes.Select(static (result, _) => result.Manifest).WithTrackingName(trackingName);

    private static ProjectSpec ReadProject(AnalyzerConfigOptions options, string assemblyName, bool referencesAspNetCore) =>
        new(
            assemblyName,
            referencesAspNetCore,
            Property(options, "KafkaWorkersKedaTargetName"),
            Property(options, "KafkaWorkersKedaNamespace"),
            Property(options, "ContainerRepository"),
            Property(options, "ContainerImageTag"));

    private static string? Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
