using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators.Model;

/// <summary>A diagnostic found by the parser, reported by the generator's diagnostics output.</summary>
/// <param name="Descriptor">The descriptor (see <see cref="DiagnosticDescriptors"/>).</param>
/// <param name="Location">
/// Where it points: a source location in a syntax tree of the compilation, so that <c>#pragma warning</c> and
/// <c>.editorconfig</c> severities apply to it (a location made from a file path is an external location, which both
/// ignore: dotnet/runtime#92509); <see langword="null"/> for the project. Diagnostics therefore never enter the
/// symbol-free model that the manifests are rendered from.
/// </param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, Location? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location ?? Microsoft.CodeAnalysis.Location.None, [.. Arguments]);
}
