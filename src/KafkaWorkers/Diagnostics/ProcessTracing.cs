using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Diagnostics;

/// <summary>
/// The <c>process</c> activities of the <c>KafkaWorkers</c> activity source, after the OpenTelemetry messaging
/// conventions: one per handled message (parented by its W3C <c>traceparent</c> header) or per batch (linked to each
/// message's context), and the propagation of the current context into records the worker produces.
/// </summary>
internal static class ProcessTracing
{
    internal const string TraceParentHeader = "traceparent";
    internal const string TraceStateHeader = "tracestate";

    private static readonly ActivitySource Source = new(
        KafkaWorkersTelemetry.ActivitySourceName, typeof(ProcessTracing).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the activity of one handler call, or returns null when nobody listens.</summary>
    public static Activity? Start(ArraySegment<WorkItem> items, string groupId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var first = items[0].Result;
        var tags = new ActivityTagsCollection
        {
            ["messaging.system"] = "kafka",
            ["messaging.operation.type"] = "process",
            ["messaging.operation.name"] = "process",
            ["messaging.destination.name"] = first.Topic,
            ["messaging.consumer.group.name"] = groupId,
            ["messaging.destination.partition.id"] = first.Partition.Value.ToString(CultureInfo.InvariantCulture),
        };
        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        if (items.Count == 1)
        {
            tags["messaging.kafka.offset"] = first.Offset.Value;
            TryExtract(first.Message.Headers, out parent);
        }
        else
        {
            tags["messaging.batch.message_count"] = items.Count;
            links = [];
            foreach (var item in items)
            {
                if (TryExtract(item.Result.Message.Headers, out var context))
                {
                    links.Add(new ActivityLink(context));
                }
            }
        }

        return Source.StartActivity($"process {first.Topic}", ActivityKind.Consumer, parent, tags, links);
    }

    /// <summary>Marks an activity as failed with the error's type.</summary>
    public static void Failed(Activity? activity, Exception error)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.SetTag("error.type", error.GetType().FullName);
        }
    }

    /// <summary>Writes the activity's context into headers, replacing a <c>traceparent</c> and <c>tracestate</c> already there.</summary>
    public static void Inject(Activity? activity, Headers headers)
    {
        if (activity?.Id is not { } id || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return;
        }

        headers.Remove(TraceParentHeader);
        headers.Remove(TraceStateHeader);
        headers.Add(TraceParentHeader, Encoding.UTF8.GetBytes(id));
        if (activity.TraceStateString is { Length: > 0 } state)
        {
            headers.Add(TraceStateHeader, Encoding.UTF8.GetBytes(state));
        }
    }

    private static bool TryExtract(Headers? headers, out ActivityContext context)
    {
        context = default;
        if (headers is null || !headers.TryGetLastBytes(TraceParentHeader, out var parent) || parent is null)
        {
            return false;
        }

        string? state = headers.TryGetLastBytes(TraceStateHeader, out var stateBytes) && stateBytes is not null
            ? Encoding.UTF8.GetString(stateBytes)
            : null;
        return ActivityContext.TryParse(Encoding.UTF8.GetString(parent), state, isRemote: true, out context);
    }
}
