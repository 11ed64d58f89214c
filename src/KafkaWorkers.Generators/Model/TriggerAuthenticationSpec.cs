namespace KafkaWorkers.Generators.Model;

/// <summary>A <c>TriggerAuthentication</c> to emit.</summary>
/// <param name="Name">The resource name.</param>
/// <param name="SecretName">The Kubernetes secret holding the credentials.</param>
/// <param name="References">The parameters read from the secret, in KEDA's order.</param>
internal sealed record TriggerAuthenticationSpec(string Name, string SecretName, EquatableArray<SecretReference> References);
