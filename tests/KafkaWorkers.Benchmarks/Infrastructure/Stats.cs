using System.Globalization;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>The repetitions of one measurement and their min / median / max.</summary>
public sealed record Stats(string Scenario, string Variant, string Unit, IReadOnlyList<double> Values)
{
    public double Min => Values.Min();

    public double Max => Values.Max();

    public double Median
    {
        get
        {
            var sorted = Values.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public static string Format(double value) =>
        value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture);

    public string Row() =>
        $"| {Scenario} | {Variant} | {Format(Min)} | {Format(Median)} | {Format(Max)} | {Unit} | {string.Join(", ", Values.Select(Format))} |";
}
