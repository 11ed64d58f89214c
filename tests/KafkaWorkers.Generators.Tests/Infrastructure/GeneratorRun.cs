using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>The outcome of one generator run: the compilation with the generated code, and the diagnostics.</summary>
internal sealed class GeneratorRun(string source, Compilation output, ImmutableArray<Diagnostic> diagnostics)
{
    public string Source { get; } = source;

    public Compilation Output { get; } = output;

    public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>
    /// Gets the generated <c>KedaManifests</c> constants by name, read from the compiled generated code; empty when the
    /// generator declared no such class (no manifest).
    /// </summary>
    public IReadOnlyDictionary<string, string> Constants =>
        (Output.GetTypeByMetadataName("KafkaWorkers.Generated.KedaManifests")?.GetMembers() ?? [])
            .OfType<IFieldSymbol>()
            .Where(f => f.IsConst)
            .ToDictionary(f => f.Name, f => (string)f.ConstantValue!, StringComparer.Ordinal);

    /// <summary>Gets the text a diagnostic points at.</summary>
    public static string TextAt(Diagnostic diagnostic, string source) =>
        source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);
}
