namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>How many times each measurement runs, and how large the runs are.</summary>
/// <param name="Repetitions">Measured repetitions per variant.</param>
/// <param name="WarmUps">Unmeasured repetitions run first.</param>
/// <param name="Scale">Multiplies message counts; below 1 for a quick try.</param>
public sealed record BenchSettings(int Repetitions, int WarmUps, double Scale)
{
    public int Messages(int count) => Math.Max(100, (int)(count * Scale));

    /// <summary>Runs a measurement <see cref="WarmUps"/> times unmeasured, then <see cref="Repetitions"/> times.</summary>
    public async Task<IReadOnlyList<double>> RepeatAsync(string label, Func<Task<double>> measure)
    {
        for (var i = 0; i < WarmUps; i++)
        {
            var warm = await measure();
            Console.WriteLine($"  {label}: warm-up {Stats.Format(warm)}");
        }

        var values = new List<double>();
        for (var i = 0; i < Repetitions; i++)
        {
            values.Add(await measure());
            Console.WriteLine($"  {label}: run {i + 1}/{Repetitions} {Stats.Format(values[^1])}");
        }

        return values;
    }
}
