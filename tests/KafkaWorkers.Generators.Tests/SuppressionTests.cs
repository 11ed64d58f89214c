using System.Collections.Immutable;
using KafkaWorkers.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KafkaWorkers.Generators.Tests;

/// <summary>
/// The generator's diagnostics obey the three ways a user tunes a warning: <c>#pragma warning disable</c>, an
/// <c>.editorconfig</c> severity (<c>dotnet_diagnostic.KW1010.severity</c>) and <c>NoWarn</c>. The first two only
/// work when the diagnostic's location is in a syntax tree of the compilation (dotnet/runtime#92509).
/// </summary>
public sealed class SuppressionTests
{
    private const string Attributes =
        "[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"g\")]\n[KedaScaledObject(MaxReplicaCount = 10, Partitions = 6)]";

    [Fact]
    public void Pragma_warning_disable_suppresses_the_warning()
    {
        var source = GeneratorHarness.File("#pragma warning disable KW1010\n", GeneratorHarness.Handler(Attributes), "#pragma warning restore KW1010\n");

        var diagnostics = Run(GeneratorHarness.Compile(source));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KW1010", diagnostic.Id);
        Assert.True(diagnostic.IsSuppressed);
        Assert.Equal(LocationKind.SourceFile, diagnostic.Location.Kind);
    }

    [Fact]
    public void Pragma_for_another_part_of_the_file_does_not_suppress_it()
    {
        var source = GeneratorHarness.File(GeneratorHarness.Handler(Attributes), "#pragma warning disable KW1010\n");

        var diagnostic = Assert.Single(Run(GeneratorHarness.Compile(source)));

        Assert.False(diagnostic.IsSuppressed);
    }

    [Theory]
    [InlineData(ReportDiagnostic.Suppress, null)]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    [InlineData(ReportDiagnostic.Info, DiagnosticSeverity.Info)]
    public void Editorconfig_severity_applies(ReportDiagnostic configured, DiagnosticSeverity? expected)
    {
        var compilation = GeneratorHarness.Compile(GeneratorHarness.File(GeneratorHarness.Handler(Attributes)));
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new TreeSeverity("KW1010", configured)));

        var diagnostics = Run(compilation);

        Assert.Equal(expected, diagnostics.SingleOrDefault(d => d.Id == "KW1010")?.Severity);
    }

    [Fact]
    public void NoWarn_suppresses_the_warning()
    {
        var compilation = GeneratorHarness.Compile(GeneratorHarness.File(GeneratorHarness.Handler(Attributes)));
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
            ImmutableDictionary<string, ReportDiagnostic>.Empty.Add("KW1010", ReportDiagnostic.Suppress)));

        Assert.Empty(Run(compilation));
    }

    private static ImmutableArray<Diagnostic> Run(Compilation compilation)
    {
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        return diagnostics;
    }

    /// <summary>What the compiler builds from <c>dotnet_diagnostic.&lt;id&gt;.severity</c> in an .editorconfig section.</summary>
    private sealed class TreeSeverity(string id, ReportDiagnostic severity) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic value)
        {
            value = severity;
            return diagnosticId == id && tree.FilePath == "Handlers.cs";
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic value)
        {
            value = ReportDiagnostic.Default;
            return false;
        }
    }
}
