namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>How many times each measurement runs, how large the runs are, and which variants run.</summary>
/// <param name="Repetitions">Measured repetitions per variant.</param>
/// <param name="WarmUps">Unmeasured repetitions run first.</param>
/// <param name="Scale">Multiplies message counts; below 1 for a quick try.</param>
/// <param name="Variants">When set, only the variants whose name contains one of these (for a profile of one of them).</param>
public sealed record BenchSettings(int Repetitions, int WarmUps, double Scale, IReadOnlyList<string>? Variants = null)
{
    public int Messages(int count) => Math.Max(100, (int)(count * Scale));

    public bool Includes(string variant) => Variants is null || Variants.Any(v => variant.Contains(v, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs a measurement <see cref="WarmUps"/> times unmeasured, then <see cref="Repetitions"/> times.</summary>
    public Task<IReadOnlyList<double>> RepeatAsync(string label, Func<Task<double>> measure) => RepeatAsync(label, measure, Stats.Format);

    /// <summary>Runs a measurement <see cref="WarmUps"/> times unmeasured, then <see cref="Repetitions"/> times, printing each.</summary>
    public async Task<IReadOnlyList<T>> RepeatAsync<T>(string label, Func<Task<T>> measure, Func<T, string> describe)
    {
        for (var i = 0; i < WarmUps; i++)
        {
            var warm = await measure();
            Console.WriteLine($"  {label}: warm-up {describe(warm)}");
        }

        var values = new List<T>();
        for (var i = 0; i < Repetitions; i++)
        {
            values.Add(await measure());
            Console.WriteLine($"  {label}: run {i + 1}/{Repetitions} {describe(values[^1])}");
        }

        return values;
    }

    /// <summary>
    /// Runs several variants in rounds, each round one run of every variant in turn: <see cref="WarmUps"/> unmeasured
    /// rounds, then <see cref="Repetitions"/> measured ones. On a loaded machine the load then changes under every
    /// variant alike, where runs of one variant after another would give each variant its own stretch of it.
    /// </summary>
    /// <returns>Per variant, in the order given, its measured runs.</returns>
    public async Task<IReadOnlyList<IReadOnlyList<T>>> InterleaveAsync<T>(IReadOnlyList<(string Label, Func<Task<T>> Measure)> variants, Func<T, string> describe)
    {
        var values = variants.Select(_ => new List<T>()).ToList();
        for (var round = 0; round < WarmUps + Repetitions; round++)
        {
            var warmUp = round < WarmUps;
            var name = warmUp ? $"warm-up {round + 1}/{WarmUps}" : $"run {round - WarmUps + 1}/{Repetitions}";
            for (var v = 0; v < variants.Count; v++)
            {
                var value = await variants[v].Measure();
                Console.WriteLine($"  {variants[v].Label}: {name} {describe(value)}");
                if (!warmUp)
                {
                    values[v].Add(value);
                }
            }
        }

        return values;
    }
}
