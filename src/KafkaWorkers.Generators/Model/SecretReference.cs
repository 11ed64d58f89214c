namespace KafkaWorkers.Generators.Model;

/// <summary>One <c>secretTargetRef</c> entry: a KEDA parameter read from a key of a secret.</summary>
/// <param name="Parameter">The KEDA parameter (<c>sasl</c>, <c>username</c>, ...).</param>
/// <param name="Key">The key in the secret.</param>
internal sealed record SecretReference(string Parameter, string Key);
