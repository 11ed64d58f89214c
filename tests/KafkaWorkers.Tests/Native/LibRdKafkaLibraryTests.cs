using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using KafkaWorkers.Native;
using KafkaWorkers.Testing;
using KafkaWorkers.Testing.Native;

namespace KafkaWorkers.Tests.Native;

public sealed class LibRdKafkaLibraryTests
{
    [Fact]
    public void The_handle_is_the_librdkafka_that_Confluent_Kafka_reports()
    {
        Assert.Equal(Library.VersionString, LibRdKafkaSearch.VersionOf(LibRdKafkaLibrary.Handle));
        Assert.Equal("2.16.0", Library.VersionString);
    }

    [Fact]
    public void The_process_holds_one_librdkafka_after_Confluent_clients_and_the_test_cluster_have_loaded_it()
    {
        using var cluster = KafkaTestCluster.Start(brokerCount: 1);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            producer.Produce("loader", new Message<Null, string> { Value = "x" });
            producer.Flush(TimeSpan.FromSeconds(10));
        }

        using var process = Process.GetCurrentProcess();
        var files = process.Modules.Cast<ProcessModule>()
            .Select(module => module.FileName)
            .Where(path => LibRdKafkaSearch.IsLibRdKafkaFile(Path.GetFileName(path)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.Single(files);
    }

    [Fact]
    public void Every_function_the_test_cluster_binds_is_exported_by_the_loaded_library()
    {
        var entryPoints = typeof(LibRdKafka)
            .GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Select(method => method.GetCustomAttribute<LibraryImportAttribute>())
            .OfType<LibraryImportAttribute>()
            .Select(import => import.EntryPoint!)
            .ToList();

        Assert.Contains("rd_kafka_mock_cluster_new", entryPoints);
        Assert.All(entryPoints, entryPoint => Assert.True(LibRdKafkaLibrary.HasExport(entryPoint), $"{entryPoint} is not exported"));
    }

    [Fact]
    public void Share_consumer_and_mock_share_group_functions_of_2_16_are_exported()
    {
        Assert.True(LibRdKafkaLibrary.HasExport("rd_kafka_share_consumer_new"));
        Assert.True(LibRdKafkaLibrary.HasExport("rd_kafka_mock_sharegroup_target_assignment"));
        Assert.False(LibRdKafkaLibrary.HasExport("rd_kafka_no_such_function"));
    }

    [Theory]
    [InlineData("librdkafka.so", true)]
    [InlineData("librdkafka.so.1", true)]
    [InlineData("centos8-librdkafka.so", true)]
    [InlineData("alpine-librdkafka.so", true)]
    [InlineData("librdkafka.dylib", true)]
    [InlineData("librdkafka.1.dylib", true)]
    [InlineData("librdkafka.dll", true)]
    [InlineData("LIBRDKAFKA.DLL", true)]
    [InlineData("librdkafkacpp.dll", false)]
    [InlineData("librdkafka++.so.1", false)]
    [InlineData("libsasl2.so.2", false)]
    public void Librdkafka_files_are_told_from_other_libraries(string fileName, bool expected) =>
        Assert.Equal(expected, LibRdKafkaSearch.IsLibRdKafkaFile(fileName));

    [Fact]
    public void On_linux_the_search_tries_the_glibc_build_then_the_centos8_build_then_musl()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Equal(["librdkafka"], LibRdKafkaSearch.Candidates());
            return;
        }

        Assert.Equal(["librdkafka", "centos8-librdkafka.so", "alpine-librdkafka.so"], LibRdKafkaSearch.Candidates());
    }

    [Fact]
    public void A_load_failure_names_what_was_tried_what_is_missing_and_how_to_get_it()
    {
        var message = LibRdKafkaSearch.DescribeFailure(["librdkafka", "centos8-librdkafka.so"], "libsasl2.so.3: cannot open shared object file");

        Assert.Contains("tried librdkafka, centos8-librdkafka.so", message, StringComparison.Ordinal);
        Assert.Contains("libsasl2.so.3: cannot open shared object file", message, StringComparison.Ordinal);
        Assert.Contains("librdkafka.redist", message, StringComparison.Ordinal);
        Assert.Contains("Confluent.Kafka.Library.Load(path)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_candidate_that_does_not_exist_reports_the_loader_error()
    {
        Assert.False(LibRdKafkaSearch.TryLoad("no-such-librdkafka.so", out var handle, out var error));
        Assert.Equal(0, handle);
        Assert.False(string.IsNullOrEmpty(error));
    }
}
