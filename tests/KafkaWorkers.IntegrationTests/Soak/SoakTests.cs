using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Soak;

namespace KafkaWorkers.IntegrationTests.Soak;

/// <summary>
/// A short run of the reliability soak (./build.sh soak runs the long one): real worker processes scaled 1 → 3 → 1
/// twice, with graceful SIGTERMs, a broker fault injected at every step. Asserts loss and duplicates only.
/// </summary>
/// <remarks>
/// The workers use the KIP-848 group protocol, which the in-process cluster serves as Kafka does through a scale step.
/// Under the classic protocol its coordinator refuses a revoking member's commit while the group rebalances
/// (REBALANCE_IN_PROGRESS), which Kafka accepts, so that member's partitions are redone: measured in docs/testing.md.
/// </remarks>
[Collection(KafkaCollection.Name)]
public sealed class SoakTests(ITestOutputHelper output)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"kafkaworkers-soak-{Guid.NewGuid():N}");

    [Fact]
    public async Task Scaling_worker_processes_out_and_in_under_broker_faults_loses_and_duplicates_nothing()
    {
        var options = new SoakOptions
        {
            Cycles = 2,
            MaxReplicas = 3,
            GroupProtocol = KafkaGroupProtocol.Consumer,
            Rate = 100,
            Partitions = 4,
            Duration = TimeSpan.FromSeconds(30),
            FaultProbability = 1,
            Seed = 8,
            Directory = _directory,
        };

        // The harness kills every worker process it started in its own finally block.
        var report = await SoakRun.RunAsync(options, output.WriteLine);
        output.WriteLine(report.ToString());

        Assert.True(report.Produced > 0);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicated);

        // Kept when the run fails: the worker logs and id files explain it.
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Scaling_share_worker_processes_1_to_4_to_1_on_one_partition_loses_nothing_and_redoes_only_refused_acknowledgements()
    {
        var options = new SoakOptions
        {
            Share = true,
            Cycles = 1,
            MaxReplicas = 4,
            Rate = 50,
            Partitions = 1,
            Duration = TimeSpan.FromSeconds(30),
            Settle = TimeSpan.FromSeconds(4),
            Seed = 7,
            Directory = _directory,
        };

        var report = await SoakRun.RunAsync(options, output.WriteLine);
        output.WriteLine(report.ToString());

        Assert.True(report.Produced > 0);
        Assert.Equal(0, report.Lost);
        // Graceful stops release what they hold, so a record is redone only after a refused acknowledgement.
        Assert.True(report.Duplicated == 0 || report.AcknowledgementFailures > 0, $"{report.Duplicated} redone without a refused acknowledgement");

        Directory.Delete(_directory, recursive: true);
    }
}
