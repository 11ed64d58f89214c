using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KafkaWorkers.Generators.Model;

/// <summary>Where a diagnostic points, kept as plain values so the model holds no <see cref="Location"/>.</summary>
/// <param name="FilePath">The source file.</param>
/// <param name="Span">The character span.</param>
/// <param name="LineSpan">The line and column span.</param>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || !location.IsInSource
            ? null
            : new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
