using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace KafkaWorkers.Benchmarks.Dispatch;

/// <summary>Runs <see cref="DispatchBenchmarks"/> with BenchmarkDotNet, in process, and returns one row per case.</summary>
public static class DispatchRunner
{
    public const string Name = "6 dispatch path (no broker)";

    public static IReadOnlyList<string> Run()
    {
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile)
            .WithArtifactsPath(Path.Combine("artifacts", "bench", "BenchmarkDotNet"));
        var summary = BenchmarkRunner.Run<DispatchBenchmarks>(config);
        var rows = new List<string>();
        foreach (var report in summary.Reports)
        {
            var parameters = report.BenchmarkCase.Parameters;
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            var nanoseconds = report.ResultStatistics?.Mean;
            rows.Add(FormattableString.Invariant(
                $"| {parameters["Processor"]} | {parameters["Ordering"]} | {nanoseconds:N0} | {bytes:N0} | {report.GcStats.Gen0Collections * 1000.0 / report.GcStats.TotalOperations:0.00} |"));
        }

        return rows;
    }
}
