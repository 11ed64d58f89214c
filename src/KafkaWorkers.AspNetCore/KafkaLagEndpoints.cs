using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KafkaWorkers.Lag;
using Microsoft.AspNetCore.Http;

namespace KafkaWorkers.AspNetCore;

/// <summary>
/// The handlers of the lag endpoints: every snapshot as JSON, one worker's snapshot as JSON, and one worker's total lag
/// as a plain number. A worker that is not monitored answers 404; one without a successful read yet, 503.
/// </summary>
internal sealed class KafkaLagEndpoints(IKafkaLagMonitor monitor)
{
    /// <summary>The route value that names the worker.</summary>
    public const string WorkerRouteValue = "worker";

    /// <summary>
    /// The default escaping, which escapes HTML-sensitive characters, without escaping letters and symbols outside
    /// ASCII: an explanation's <c>→</c> reads as such in the raw answer.
    /// </summary>
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Writes every monitored worker's latest snapshot, as a JSON array ordered by worker name.</summary>
    public Task GetAllAsync(HttpContext context) => WriteJsonAsync(context, writer =>
    {
        writer.WriteStartArray();
        foreach (var snapshot in monitor.GetSnapshots())
        {
            KafkaLagJson.Write(writer, snapshot);
        }

        writer.WriteEndArray();
    });

    /// <summary>Writes one worker's latest snapshot as a JSON object.</summary>
    public Task GetWorkerAsync(HttpContext context) =>
        Find(context) is { } snapshot ? WriteJsonAsync(context, writer => KafkaLagJson.Write(writer, snapshot)) : Task.CompletedTask;

    /// <summary>Writes one worker's total lag as a plain number.</summary>
    public Task GetTotalAsync(HttpContext context)
    {
        if (Find(context) is not { } snapshot)
        {
            return Task.CompletedTask;
        }

        NoStore(context, "text/plain; charset=utf-8");
        return context.Response.WriteAsync(snapshot.TotalLag.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
    }

    private KafkaLagSnapshot? Find(HttpContext context)
    {
        var worker = context.Request.RouteValues[WorkerRouteValue] as string ?? string.Empty;
        var snapshot = monitor.GetSnapshot(worker);
        if (snapshot is null)
        {
            context.Response.StatusCode = monitor.Workers.Contains(worker, StringComparer.Ordinal)
                ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status404NotFound;
        }

        return snapshot;
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            write(writer);
        }

        NoStore(context, "application/json; charset=utf-8");
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static void NoStore(HttpContext context, string contentType)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-store";
    }
}
