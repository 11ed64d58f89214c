using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="KedaManifestGenerator"/> over C# source with <see cref="CSharpGeneratorDriver"/>.</summary>
internal static class GeneratorHarness
{
    public const string DefaultAssemblyName = "Demo.App";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Append(typeof(KafkaWorkerAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = "using System.Threading;\nusing System.Threading.Tasks;\nusing KafkaWorkers;\n\n";

    public static CSharpCompilation Compile(string source, string assemblyName = DefaultAssemblyName) =>
        CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Handlers.cs")],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IReadOnlyDictionary<string, string>? properties = null, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            [new KedaManifestGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: new TestAnalyzerConfigOptionsProvider(properties ?? new Dictionary<string, string>()),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(
        string source,
        IReadOnlyDictionary<string, string>? properties = null,
        string assemblyName = DefaultAssemblyName)
    {
        var compilation = Compile(source, assemblyName);
        CreateDriver(properties).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(source, output, diagnostics);
    }

    /// <summary>Runs the generator on source that must produce no diagnostic and compile, and returns the constants.</summary>
    public static IReadOnlyDictionary<string, string> Manifests(string source, IReadOnlyDictionary<string, string>? properties = null, string assemblyName = DefaultAssemblyName)
    {
        var run = Run(source, properties, assemblyName);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return run.Constants;
    }

    /// <summary>A handler class with the given attributes, implementing <c>IKafkaHandler&lt;string, string&gt;</c>.</summary>
    public static string Handler(string attributes, string className = "OrderHandler") =>
        $$"""
        {{attributes}}
        public sealed class {{className}} : IKafkaHandler<string, string>
        {
            public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => default;
        }

        """;

    /// <summary>A handler with a default <c>[KedaScaledObject]</c> for the given worker and consumer group.</summary>
    public static string ScaledObjectHandler(string worker, string groupId, string className) =>
        Handler($"[KafkaWorker(\"{worker}\", GroupId = \"{groupId}\")]\n[KedaScaledObject]", className);

    /// <summary>A whole source file: usings, a namespace and the given members.</summary>
    public static string File(params string[] members) => Usings + "namespace Demo;\n\n" + string.Concat(members);
}
