using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators.Model;

/// <summary>A diagnostic found by the parser, reported when the model is emitted.</summary>
/// <param name="Descriptor">The descriptor (see <see cref="DiagnosticDescriptors"/>).</param>
/// <param name="Location">Where it points, or <see langword="null"/> for the project.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, [.. Arguments]);
}
