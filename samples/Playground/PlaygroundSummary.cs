using System.Globalization;

namespace Playground;

/// <summary>How a playground run ended, checked from the processed-log files and the group's committed offsets.</summary>
public sealed record PlaygroundSummary
{
    /// <summary>Orders produced in the burst.</summary>
    public required int Produced { get; init; }

    /// <summary>Lines in the processed logs: handled orders, duplicates included.</summary>
    public required int Processed { get; init; }

    /// <summary>Distinct orders handled.</summary>
    public required int DistinctProcessed { get; init; }

    /// <summary>Produced orders that no replica handled (lost if the run completed; not reached yet if it was stopped).</summary>
    public required int Lost { get; init; }

    /// <summary>Handlings beyond the first of an order (an order handled twice counts once).</summary>
    public required int Duplicates { get; init; }

    /// <summary>Replicas started plus replicas stopped.</summary>
    public required int ScaleEvents { get; init; }

    /// <summary>The most replicas running at once.</summary>
    public required int MaxReplicas { get; init; }

    /// <summary>Replicas still running when the run ended (before the final stop).</summary>
    public required int ReplicasAtEnd { get; init; }

    /// <summary>The group's lag (end offset minus committed offset, summed) at the end; unknown after Ctrl+C.</summary>
    public required long? LagAtEnd { get; init; }

    /// <summary>Replicas that exited with a non-zero code or had to be killed.</summary>
    public required int FailedReplicas { get; init; }

    /// <summary>Whether the run ended by itself: burst consumed and scaled back to zero.</summary>
    public required bool Completed { get; init; }

    /// <summary>How long the run took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Whether nothing was lost or duplicated and every replica stopped cleanly.</summary>
    public bool IsClean => Lost == 0 && Duplicates == 0 && Processed == Produced && FailedReplicas == 0;

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"""
        {(Completed ? "Completed" : "Stopped before completion")} in {Elapsed.TotalSeconds:F0} s.
          produced   {Produced}
          processed  {Processed} ({DistinctProcessed} distinct)
          {(Completed ? "lost      " : "unhandled ")} {Lost}
          duplicates {Duplicates}
          scale events {ScaleEvents} (max {MaxReplicas} replicas, {ReplicasAtEnd} at the end; lag at the end {LagAtEnd?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})
          replicas that failed or were killed: {FailedReplicas}
        {(IsClean ? "produced = processed, 0 duplicates, 0 lost" : Completed ? "NOT CLEAN: see the counts above and the worker-*.out files" : "Not every order was handled: the run stopped early.")}
        """);
}
