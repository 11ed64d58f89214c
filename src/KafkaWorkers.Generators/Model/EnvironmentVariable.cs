namespace KafkaWorkers.Generators.Model;

/// <summary>A container's environment variable: a value, a field of the pod (downward API) or a key of a secret.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Value">The literal value (<c>value</c>), or <see langword="null"/>.</param>
/// <param name="FieldPath">The pod field (<c>valueFrom.fieldRef.fieldPath</c>), or <see langword="null"/>.</param>
/// <param name="SecretName">The secret (<c>valueFrom.secretKeyRef.name</c>), or <see langword="null"/>.</param>
/// <param name="SecretKey">The key in <paramref name="SecretName"/> (<c>valueFrom.secretKeyRef.key</c>).</param>
internal sealed record EnvironmentVariable(string Name, string? Value, string? FieldPath = null, string? SecretName = null, string? SecretKey = null)
{
    public static EnvironmentVariable FromField(string name, string fieldPath) => new(name, null, FieldPath: fieldPath);

    public static EnvironmentVariable FromSecret(string name, string secretName, string key) => new(name, null, SecretName: secretName, SecretKey: key);
}
