namespace KafkaWorkers.Generators.Model;

/// <summary>One HPA scaling policy of the behavior (<c>policies[]</c>).</summary>
/// <param name="Type"><c>Pods</c> or <c>Percent</c>.</param>
/// <param name="Value">The replicas or the percentage.</param>
/// <param name="PeriodSeconds">The period.</param>
internal sealed record HpaPolicySpec(string Type, int Value, int PeriodSeconds);
