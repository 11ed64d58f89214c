using System.Net;
using System.Text.Json;
using KafkaWorkers.Lag;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Tests.AspNetCore;

/// <summary><c>MapKafkaLag</c> served by Kestrel on a loopback port, over a scripted <see cref="IKafkaLagMonitor"/>.</summary>
public sealed class KafkaLagEndpointsTests : IAsyncLifetime
{
    private static readonly KafkaLagSnapshot Orders = new()
    {
        Worker = "orders",
        GroupId = "orders-processor",
        Partitions =
        [
            new KedaKafkaPartitionLag { Offsets = new("orders", 0, 40, 100), IsCounted = true, Lag = 60, ActivityLag = 60 },
            new KedaKafkaPartitionLag { Offsets = new("orders", 1, KafkaPartitionOffsets.None, 290), IsCounted = true, Lag = 290, ActivityLag = 290 },
        ],
        Result = new KedaKafkaScalerResult
        {
            TotalLag = 350, ActivityLag = 350, PartitionCount = 2, PartitionsWithLag = 2, ReplicaBound = 2,
            MetricValue = 100, CorrectedMetricValue = 100, IsActive = true,
        },
        LagThreshold = 50,
        PredictedReplicas = 2,
        Explanation = KedaScalingExplanation.Create(
            2,
            [
                new KedaScalingReason { Code = KedaScalingReasonCodes.MetricProposal, Message = "metric 100 / lagThreshold 50 → 2" },
                new KedaScalingReason { Code = KedaScalingReasonCodes.CappedAtPartitions, Message = "capped at 2 partitions: metric 350 → 100" },
                new KedaScalingReason { Code = KedaScalingReasonCodes.Active, Message = "active: activity 350 over activationLagThreshold 0" },
                new KedaScalingReason
                {
                    Code = KedaScalingReasonCodes.NoCommitCountsEndOffset, Topic = "orders", Partition = 1,
                    Message = "no committed offset: counts its end offset (offsetResetPolicy earliest)",
                },
            ]),
        TakenAt = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero),
        IsStale = true,
        LastError = "Local: Broker transport failure",
    };

    private readonly ScriptedMonitor _monitor = new();
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IKafkaLagMonitor>(_monitor);
        _app = builder.Build();
        _app.MapKafkaLag("/kafka/lag");
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_workers_snapshot_is_served_as_json_with_the_fields_KEDAs_valueLocation_reads()
    {
        using var json = JsonDocument.Parse(await GetOrdersAsync("/kafka/lag/orders", "application/json"));
        var root = json.RootElement;
        Assert.Equal("orders", root.GetProperty("worker").GetString());
        Assert.Equal("orders-processor", root.GetProperty("groupId").GetString());
        Assert.Equal(Orders.TakenAt, root.GetProperty("takenAt").GetDateTimeOffset());
        Assert.True(root.GetProperty("stale").GetBoolean());
        Assert.Equal("Local: Broker transport failure", root.GetProperty("lastError").GetString());
        Assert.Equal(
            (50L, 350L, 350L, 100L, 100L, true, 2, 2, 2),
            (root.GetProperty("lagThreshold").GetInt64(), root.GetProperty("totalLag").GetInt64(), root.GetProperty("activityLag").GetInt64(),
                root.GetProperty("metricValue").GetInt64(), root.GetProperty("correctedMetricValue").GetInt64(), root.GetProperty("active").GetBoolean(),
                root.GetProperty("predictedReplicas").GetInt32(), root.GetProperty("partitionCount").GetInt32(), root.GetProperty("partitionsWithLag").GetInt32()));
        var partitions = root.GetProperty("partitions").EnumerateArray().ToArray();
        Assert.Equal(2, partitions.Length);
        Assert.Equal(
            ("orders", 1, -1L, 290L, 290L, true, false),
            (partitions[1].GetProperty("topic").GetString(), partitions[1].GetProperty("partition").GetInt32(),
                partitions[1].GetProperty("committedOffset").GetInt64(), partitions[1].GetProperty("endOffset").GetInt64(),
                partitions[1].GetProperty("lag").GetInt64(), partitions[1].GetProperty("counted").GetBoolean(),
                partitions[1].GetProperty("persistentLag").GetBoolean()));
    }

    [Fact]
    public async Task The_json_shape_is_pinned()
    {
        // The names are a contract (docs/lag.md, docs/explain.md): KEDA's valueLocation and people's scripts read them.
        const string Expected = """
            {"worker":"orders","groupId":"orders-processor","takenAt":"2026-11-22T08:00:00+00:00","stale":true,
            "lastError":"Local: Broker transport failure","lagThreshold":50,"totalLag":350,"activityLag":350,"metricValue":100,
            "correctedMetricValue":100,"active":true,"predictedReplicas":2,"partitionCount":2,"partitionsWithLag":2,
            "partitions":[{"topic":"orders","partition":0,"committedOffset":40,"endOffset":100,"lag":60,"counted":true,"persistentLag":false},
            {"topic":"orders","partition":1,"committedOffset":-1,"endOffset":290,"lag":290,"counted":true,"persistentLag":false}],
            "explanation":{"summary":"2 replicas: metric 100 / lagThreshold 50 → 2; capped at 2 partitions: metric 350 → 100; active: activity 350 over activationLagThreshold 0; orders [1]: no committed offset: counts its end offset (offsetResetPolicy earliest)",
            "reasons":[{"code":"replicas.metric","message":"metric 100 / lagThreshold 50 → 2"},
            {"code":"cap.partitions","message":"capped at 2 partitions: metric 350 → 100"},
            {"code":"trigger.active","message":"active: activity 350 over activationLagThreshold 0"},
            {"code":"partition.no-commit-counts-end-offset","message":"no committed offset: counts its end offset (offsetResetPolicy earliest)","topic":"orders","partition":1}]}}
            """;

        Assert.Equal(Expected.ReplaceLineEndings(string.Empty), await GetOrdersAsync("/kafka/lag/orders", "application/json"));
    }

    [Fact]
    public async Task The_total_is_served_as_a_plain_number()
    {
        Assert.Equal("350", await GetOrdersAsync("/kafka/lag/orders/total", "text/plain"));
    }

    [Fact]
    public async Task Every_snapshot_is_served_as_a_json_array()
    {
        _monitor.Snapshots["orders"] = Orders;
        _monitor.Snapshots["payments"] = Orders with { Worker = "payments", IsStale = false, LastError = null };

        using var json = JsonDocument.Parse(await _http!.GetStringAsync("/kafka/lag"));

        Assert.Equal(["orders", "payments"], json.RootElement.EnumerateArray().Select(s => s.GetProperty("worker").GetString()));
        Assert.False(json.RootElement[1].TryGetProperty("lastError", out _));
    }

    [Theory]
    [InlineData("/kafka/lag/unknown", HttpStatusCode.NotFound)]
    [InlineData("/kafka/lag/unknown/total", HttpStatusCode.NotFound)]
    [InlineData("/kafka/lag/waiting", HttpStatusCode.ServiceUnavailable)]
    [InlineData("/kafka/lag/waiting/total", HttpStatusCode.ServiceUnavailable)]
    public async Task An_unmonitored_worker_is_not_found_and_one_not_read_yet_is_unavailable(string path, HttpStatusCode expected)
    {
        _monitor.Snapshots["waiting"] = null;

        using var response = await _http!.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Mapping_without_the_monitor_says_how_to_add_it()
    {
        await using var app = WebApplication.CreateBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapKafkaLag());

        Assert.Contains("AddKafkaLagMonitor()", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Serves <see cref="Orders"/>, gets <paramref name="path"/> and checks the status, type and caching of the answer.</summary>
    private async Task<string> GetOrdersAsync(string path, string mediaType)
    {
        _monitor.Snapshots["orders"] = Orders;

        using var response = await _http!.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        return await response.Content.ReadAsStringAsync();
    }

    private sealed class ScriptedMonitor : IKafkaLagMonitor
    {
        public SortedDictionary<string, KafkaLagSnapshot?> Snapshots { get; } = new(StringComparer.Ordinal);

        public IReadOnlyCollection<string> Workers => Snapshots.Keys;

        public KafkaLagSnapshot? GetSnapshot(string worker) => Snapshots.GetValueOrDefault(worker);

        public IReadOnlyList<KafkaLagSnapshot> GetSnapshots() => [.. Snapshots.Values.OfType<KafkaLagSnapshot>()];
    }
}
