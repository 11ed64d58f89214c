using System.Globalization;
using System.Text;
using KafkaWorkers.Benchmarks.Dispatch;
using KafkaWorkers.Benchmarks.Infrastructure;
using KafkaWorkers.Benchmarks.Scenarios;

// KafkaWorkers benchmarks (docs/benchmarks.md). Usage:
//   dotnet KafkaWorkers.Benchmarks.dll [--scenarios 1,2,3,4,5,6] [--repetitions 5] [--warmups 1] [--scale 1] [--out docs]
//                                      [--variants "native;raw;key ordering"]   (scenario 1: only the variants whose names contain one of these)
var options = ParseArguments(args);
var scenarios = options.GetValueOrDefault("scenarios", "1,2,3,4,5,6").Split(',').ToHashSet();
var settings = new BenchSettings(
    int.Parse(options.GetValueOrDefault("repetitions", "5"), CultureInfo.InvariantCulture),
    int.Parse(options.GetValueOrDefault("warmups", "1"), CultureInfo.InvariantCulture),
    double.Parse(options.GetValueOrDefault("scale", "1"), CultureInfo.InvariantCulture),
    options.TryGetValue("variants", out var variants) ? variants.Split(';') : null);
var output = options.GetValueOrDefault("out", "artifacts/bench");
Directory.CreateDirectory(output);

var report = new StringBuilder();
var loadBefore = Machine.LoadAverage();
report.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Machine.Describe()}");
report.AppendLine(CultureInfo.InvariantCulture, $"- started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; /proc/loadavg before: `{loadBefore}`");
report.AppendLine(CultureInfo.InvariantCulture, $"- {settings.WarmUps} warm-up and {settings.Repetitions} measured repetitions per variant, scale {settings.Scale}");

var stats = new List<Stats>();
if (scenarios.Overlaps(["1", "2", "3", "4", "5"]))
{
    await using var cluster = BenchCluster.Start();
    report.AppendLine(CultureInfo.InvariantCulture, $"- broker: {cluster.Description}");
    var runs = new (string Id, Func<BenchCluster, BenchSettings, Task<IReadOnlyList<Stats>>> Run)[]
    {
        ("1", ThroughputScenario.RunAsync),
        ("2", ConcurrencyScenario.RunAsync),
        ("3", ShutdownScenario.RunAsync),
        ("4", RebalancePauseScenario.RunAsync),
        ("5", CompletionScenario.RunAsync),
    };
    foreach (var (id, run) in runs.Where(r => scenarios.Contains(r.Id)))
    {
        Console.WriteLine($"[bench] scenario {id}");
        stats.AddRange(await run(cluster, settings));
    }
}

var dispatch = scenarios.Contains("6") ? DispatchRunner.Run() : [];
report.AppendLine(CultureInfo.InvariantCulture, $"- /proc/loadavg after: `{Machine.LoadAverage()}`");
report.AppendLine();
// Scenario 1's per-message costs have their own table, beside its rates.
var rows = stats.Where(s => s.Scenario != ThroughputScenario.Name || s.Unit == ThroughputScenario.Rate).ToList();
if (rows.Count > 0)
{
    report.AppendLine("| scenario | variant | min | median | max | unit | runs |");
    report.AppendLine("| --- | --- | ---: | ---: | ---: | --- | --- |");
    rows.ForEach(s => report.AppendLine(s.Row()));
    report.AppendLine();
}

foreach (var line in ThroughputScenario.Table(stats))
{
    report.AppendLine(line);
}

report.AppendLine();

var concurrency = stats.Where(s => s.Scenario == ConcurrencyScenario.Name).ToList();
if (concurrency.Count > 1)
{
    foreach (var parallel in concurrency.Skip(1))
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"- {parallel.Variant}: {parallel.Median / concurrency[0].Median:0.0}× concurrency 1 (medians)");
    }
}

if (dispatch.Count > 0)
{
    report.AppendLine();
    report.AppendLine("| processor | ordering | ns / message | allocated B / message | gen0 collections / 1 000 messages |");
    report.AppendLine("| --- | --- | ---: | ---: | ---: |");
    foreach (var row in dispatch)
    {
        report.AppendLine(row);
    }
}

var charted = rows.Where(s => s.Scenario is ThroughputScenario.Name or ConcurrencyScenario.Name).ToList();
if (charted.Count > 0)
{
    var chart = Path.Combine(output, "benchmarks.svg");
    await File.WriteAllTextAsync(chart, ChartWriter.Svg(charted));
    Console.WriteLine($"[bench] chart written to {chart}");
}

var results = Path.Combine(output, "benchmark-results.md");
await File.WriteAllTextAsync(results, report.ToString());
Console.WriteLine(report);
Console.WriteLine($"[bench] results written to {results}");

static Dictionary<string, string> ParseArguments(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        options[args[i].TrimStart('-')] = args[i + 1];
    }

    return options;
}
