using System.Globalization;
using System.Text;

namespace KafkaWorkers.Soak;

/// <summary>What a soak run did and what it found.</summary>
public sealed record SoakReport
{
    public required SoakOptions Options { get; init; }

    /// <summary>Gets which cluster the soak ran against.</summary>
    public string Broker { get; init; } = "in-process cluster";

    public required int CyclesRun { get; init; }

    public required int ScaleSteps { get; init; }

    public required int Stops { get; init; }

    public required long Produced { get; init; }

    public required long ProduceFailures { get; init; }

    public required long Processed { get; init; }

    public required long Distinct { get; init; }

    public required long Lost { get; init; }

    /// <summary>Gets how many handler runs were repeats of a record (partition and offset) already processed.</summary>
    public required long Duplicated { get; init; }

    /// <summary>
    /// Gets how many ids the broker stored at two offsets: a producer's retry appended again, which the workers rightly
    /// handle as two records. Not a redo; shown so that it is not mistaken for one.
    /// </summary>
    public required long StoredTwice { get; init; }

    /// <summary>Gets the ids processed that the producer never saw acknowledged (a delivery report lost to a fault).</summary>
    public required long Unacknowledged { get; init; }

    public required IReadOnlyDictionary<string, int> Faults { get; init; }

    /// <summary>Gets how many runs of the fault command exited with an error or were killed for taking too long.</summary>
    public int FaultCommandFailures { get; init; }

    /// <summary>Gets the most duplicates SIGKILLs may cause: per kill, what one commit interval and the in-flight handlers hold.</summary>
    public required long DuplicateBound { get; init; }

    /// <summary>
    /// Gets how many share acknowledgements the workers logged as refused (share mode): each lets the broker deliver its
    /// records again, so a graceful share soak may redo records only when this is above zero.
    /// </summary>
    public int AcknowledgementFailures { get; init; }

    public required IReadOnlyList<string> ExitCodes { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public bool Passed => Lost == 0 && (Options.Kill ? Duplicated <= DuplicateBound : Duplicated == 0 || AcknowledgementFailures > 0);

    public override string ToString()
    {
        var text = new StringBuilder();
        var mode = Options.Kill ? "SIGKILL" : "graceful SIGTERM";
        text.AppendLine(CultureInfo.InvariantCulture, $"soak: {mode} scale-in, {(Options.Share ? "share group (preview)" : $"{Options.GroupProtocol} group protocol")}, {Options.Partitions} partitions, {Options.Rate} msg/s, 1 → {Options.MaxReplicas} → 1 replicas, seed {Options.Seed}, {Elapsed.TotalSeconds:0} s, {Broker}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  cycles run:        {CyclesRun} ({ScaleSteps} scale steps, {Stops} worker stops)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  faults injected:   {Faults.Values.Sum()} ({string.Join(", ", Faults.Select(f => $"{f.Key} {f.Value}"))}){(Options.FaultCommand is null ? "" : $", {FaultCommandFailures} of them failed")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  produced (acked):  {Produced} ({ProduceFailures} delivery failures)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  processed:         {Processed} handler runs, {Distinct} distinct ids ({Unacknowledged} not acknowledged to the producer)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  lost:              {Lost}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  duplicated:        {Duplicated}{(Options.Kill ? $" (bound {DuplicateBound})" : "")} records handled twice");
        if (Options.Share)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  ack failures:      {AcknowledgementFailures} share acknowledgements refused (their records redelivered: expired locks, lost share sessions)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  stored twice:      {StoredTwice} ids the broker appended at two offsets (producer retries; each record handled once)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  worker exit codes: {string.Join(", ", ExitCodes)}");
        text.Append(Passed ? "  PASSED" : "  FAILED");
        return text.ToString();
    }
}
