namespace KafkaWorkers.Generators.Model;

/// <summary>The project-level inputs: MSBuild properties made visible to the compiler, and the assembly name.</summary>
/// <param name="AssemblyName">The compilation's assembly name.</param>
/// <param name="ReferencesAspNetCore">Whether the project references <c>KafkaWorkers.AspNetCore</c>.</param>
/// <param name="TargetName">The <c>KafkaWorkersKedaTargetName</c> property, if set.</param>
/// <param name="Namespace">The <c>KafkaWorkersKedaNamespace</c> property, if set.</param>
/// <param name="ContainerRepository">The .NET SDK container property <c>ContainerRepository</c>, if set.</param>
/// <param name="ContainerImageTag">The .NET SDK container property <c>ContainerImageTag</c>, if set.</param>
internal sealed record ProjectSpec(
    string AssemblyName,
    bool ReferencesAspNetCore,
    string? TargetName,
    string? Namespace,
    string? ContainerRepository,
    string? ContainerImageTag);
