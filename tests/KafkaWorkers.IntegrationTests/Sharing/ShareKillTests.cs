using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Soak;
using static KafkaWorkers.IntegrationTests.Sharing.ShareScenario;

namespace KafkaWorkers.IntegrationTests.Sharing;

/// <summary>A share worker process killed with SIGKILL: nothing it held is lost, the broker redelivers it after the lock.</summary>
public sealed class ShareKillTests(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("kafkaworkers-share-kill-");

    public void Dispose() => _directory.Delete(recursive: true);

    [InProcessClusterFact]
    public async Task Records_a_SIGKILLed_member_held_go_to_another_member_with_delivery_count_two_after_the_lock_and_none_is_lost()
    {
        await using var test = await StartAsync(records: 5);
        test.Cluster.SetShareGroupRecordLockDuration(TimeSpan.FromSeconds(5));

        // A member whose handler never finishes: it holds the record it started and the rest of its poll.
        List<ShareDeliveryLine> started;
        using (var child = WorkerProcess.StartShare("child", _directory.FullName, test.Cluster.BootstrapServers, Group, Topic, handlerTime: TimeSpan.FromHours(1), members: 1))
        {
            await Eventually.HoldsAsync(() => ShareWorkerMode.ReadDeliveries(child.IdFile).Count > 0, "the child process started handling a record");
            child.Kill();
            await child.WaitForExitAsync(TimeSpan.FromSeconds(30));
            started = ShareWorkerMode.ReadDeliveries(child.IdFile);
        }

        output.WriteLine($"the killed member started {string.Join(", ", started.Select(d => $"{d.Offset}#{d.DeliveryCount}"))}");
        Assert.All(started, d => Assert.False(d.Done));
        await using var host = await test.StartHostAsync("b", new ShareBehavior(), output);
        await Eventually.HoldsAsync(() => test.Log.Handled.Count >= 5, "another member handled every record");

        var handled = test.Log.Handled;
        output.WriteLine($"b handled {string.Join(", ", handled.Select(d => $"{d.Offset}#{d.DeliveryCount}"))}");
        Assert.Equal([0L, 1, 2, 3, 4], handled.Select(d => d.Offset).Order());
        Assert.All(started, s => Assert.Equal(2, Assert.Single(handled, d => d.Offset == s.Offset).DeliveryCount));
    }
}
