using Playground;

namespace KafkaWorkers.Samples.Tests;

/// <summary>
/// A short run of <c>./build.sh demo</c>: real Orders.Worker processes scaled by the local KEDA scaler against the
/// in-process cluster. Slow (about 30 s): it starts five worker processes one after another.
/// </summary>
[Collection(SamplesCollection.Name)]
public sealed class PlaygroundTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kafkaworkers-playground-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_burst_scales_up_then_back_to_zero_with_every_order_handled_once()
    {
        var options = new PlaygroundOptions
        {
            BurstSize = 300,
            HandlerDelay = TimeSpan.FromMilliseconds(50),
            PollingInterval = TimeSpan.FromSeconds(2),
            Cooldown = TimeSpan.FromSeconds(4),
            Duration = TimeSpan.FromSeconds(150),
            WorkDirectory = _directory,
        };
        using var log = new StringWriter();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        PlaygroundSummary summary;
        try
        {
            // RunAsync stops (SIGTERM, then kill) every worker process it started before it returns or throws.
            summary = await new PlaygroundRun(options, log).RunAsync(guard.Token);
        }
        finally
        {
            output.WriteLine(log.ToString());
        }

        output.WriteLine(summary.ToString());
        Assert.True(summary.Completed, "the run did not finish within its duration");
        Assert.Equal(options.BurstSize, summary.Produced);
        Assert.Equal(0, summary.Lost);
        Assert.Equal(0, summary.Duplicates);
        Assert.Equal(summary.Produced, summary.Processed);
        Assert.Equal(0, summary.FailedReplicas);
        Assert.Equal(0L, summary.LagAtEnd);
        Assert.Equal(0, summary.ReplicasAtEnd);
        Assert.True(summary.MaxReplicas >= 2, $"scaled up to {summary.MaxReplicas} replica(s) only");
        Assert.True(summary.ScaleEvents >= 2 * summary.MaxReplicas, $"{summary.ScaleEvents} scale events for {summary.MaxReplicas} replicas");

        // The table's reason lines: each names the desired count of the row above it, and KEDA's moves show.
        var lines = log.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var whys = Enumerable.Range(1, lines.Length - 1).Where(i => lines[i].StartsWith(PlaygroundRun.WhyPrefix, StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(whys);
        Assert.All(whys, i => Assert.Equal(
            lines[i - 1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[2],
            lines[i][PlaygroundRun.WhyPrefix.Length..].Split(' ')[0]));
        Assert.Contains(whys, i => lines[i].Contains("KEDA activates: 0 → 1", StringComparison.Ordinal));
        Assert.Contains(whys, i => lines[i].Contains("KEDA deactivates after the cooldown: ", StringComparison.Ordinal));
    }
}
