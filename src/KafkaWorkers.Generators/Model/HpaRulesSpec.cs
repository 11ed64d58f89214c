namespace KafkaWorkers.Generators.Model;

/// <summary>One direction of the HPA's behavior (<c>scaleUp</c> or <c>scaleDown</c>); <see langword="null"/> fields are unset.</summary>
/// <param name="StabilizationWindowSeconds"><c>stabilizationWindowSeconds</c>.</param>
/// <param name="SelectPolicy"><c>selectPolicy</c>: <c>Max</c>, <c>Min</c> or <c>Disabled</c>.</param>
/// <param name="Policies"><c>policies</c>; empty when unset.</param>
internal sealed record HpaRulesSpec(int? StabilizationWindowSeconds, string? SelectPolicy, EquatableArray<HpaPolicySpec> Policies);
