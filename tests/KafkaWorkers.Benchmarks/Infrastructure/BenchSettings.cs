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
}
