namespace KafkaWorkers.Samples.Tests;

/// <summary>
/// Acts as a new user: packs the repository's packages to a temporary feed, installs the templates into a private
/// template hive, creates a worker and a job, builds them with an empty NuGet package folder, runs both projects' tests
/// (each starts the in-process cluster, so this also proves the native library loads where libsasl2.so.3 is missing)
/// and finds the generated YAML. The repository's sources are only read. Slow (about two minutes): the one test that restores, builds and tests
/// projects outside the repository.
/// </summary>
[Collection(SamplesCollection.Name)]
public sealed class TemplateTests(ITestOutputHelper output) : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kafkaworkers-templates-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_new_user_creates_builds_and_tests_a_worker_and_a_job_from_the_templates()
    {
        var repository = Repository.Root;
        var feed = Path.Combine(_directory, "feed");
        var hive = Path.Combine(_directory, "hive");
        var work = Path.Combine(_directory, "work");
        Directory.CreateDirectory(work);

        // The solution build (./build.sh test) has built these projects already: pack without building again.
        foreach (var project in new[] { "src/KafkaWorkers", "src/KafkaWorkers.Testing", "samples/Templates" })
        {
            DotnetCli.Run(repository, StepTimeout, "pack", project, "-c", Configuration, "--no-build", "-o", feed, "-p:IncludeSymbols=false");
        }

        WriteNuGetConfig(work, feed);
        DotnetCli.Run(work, StepTimeout, "new", "install", Directory.GetFiles(feed, "KafkaWorkers.Templates.*.nupkg").Single(), "--debug:custom-hive", hive);
        DotnetCli.Run(work, StepTimeout, "new", "kafka-worker", "-n", "Acme.Orders", "--debug:custom-hive", hive);
        DotnetCli.Run(work, StepTimeout, "new", "kafka-job", "-n", "Acme.Reports", "--debug:custom-hive", hive);

        var tests = DotnetCli.Run(Path.Combine(work, "Acme.Orders"), StepTimeout, "test", "-nologo", "-maxcpucount:1", "-p:UseSharedCompilation=false");
        output.WriteLine(tests);
        Assert.Contains("Passed!", tests, StringComparison.Ordinal);
        var ordersKeda = Path.Combine(work, "Acme.Orders", "Acme.Orders", "bin", "Debug", "net10.0", "keda");
        var orders = File.ReadAllText(Path.Combine(ordersKeda, "orders.yaml"));
        Assert.Contains("kind: ScaledObject", orders, StringComparison.Ordinal);
        Assert.Contains("consumerGroup: \"orders-processor\"", orders, StringComparison.Ordinal);

        // kubectl apply -f keda/: the Deployment the ScaledObject scales, graceful for the worker's 25 s, and its ConfigMap.
        Assert.Contains("kind: Deployment\nmetadata:\n  name: acme-orders\n", orders, StringComparison.Ordinal);
        Assert.Contains("  scaleTargetRef:\n    name: acme-orders\n", orders, StringComparison.Ordinal);
        Assert.Contains("      terminationGracePeriodSeconds: 40\n", orders, StringComparison.Ordinal);
        Assert.Contains("        image: \"acme-orders:latest\"\n", orders, StringComparison.Ordinal);
        Assert.Contains("name: kafka-env", orders, StringComparison.Ordinal);
        Assert.Contains("name: kafka-env", File.ReadAllText(Path.Combine(ordersKeda, "kafka-env.yaml")), StringComparison.Ordinal);

        var jobTests = DotnetCli.Run(Path.Combine(work, "Acme.Reports"), StepTimeout, "test", "-nologo", "-maxcpucount:1", "-p:UseSharedCompilation=false");
        output.WriteLine(jobTests);
        Assert.Contains("Passed!", jobTests, StringComparison.Ordinal);
        var reports = File.ReadAllText(Path.Combine(work, "Acme.Reports", "Acme.Reports", "bin", "Debug", "net10.0", "keda", "reports.yaml"));
        Assert.Contains("kind: ScaledJob", reports, StringComparison.Ordinal);
        Assert.Contains("Kafka__Workers__reports__Completion__UntilDrained", reports, StringComparison.Ordinal);
        Assert.Contains("terminationGracePeriodSeconds: 40", reports, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, "Acme.Reports", "Acme.Reports", "bin", "Debug", "net10.0", "keda", "kafka-env.yaml")));
    }

    // The temporary feed on top of the machine's own sources, and an empty package folder of the test's own, as on a
    // new machine: Confluent.Kafka and Confluent's librdkafka.redist (all its runtimes) restore from the sources, and
    // the 0.1.0 packed here never lands in the machine's cache.
    private static void WriteNuGetConfig(string directory, string feed)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(directory, "..", "packages")}" />
              </config>
              <packageSources>
                <add key="kafkaworkers-test-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
    }
}
