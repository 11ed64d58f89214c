namespace KafkaWorkers.Generators;

/// <summary>The names of the generator's pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>The symbol-free ScaledObject models.</summary>
    public const string ScaledObjects = nameof(ScaledObjects);

    /// <summary>The symbol-free ScaledJob models.</summary>
    public const string ScaledJobs = nameof(ScaledJobs);

    public const string Project = nameof(Project);

    public const string Rendered = nameof(Rendered);

    /// <summary>The parsed ScaledObject classes: model and diagnostics, the diagnostics with source locations.</summary>
    public const string ScaledObjectsParsed = nameof(ScaledObjectsParsed);

    /// <summary>The parsed ScaledJob classes: model and diagnostics, the diagnostics with source locations.</summary>
    public const string ScaledJobsParsed = nameof(ScaledJobsParsed);

    /// <summary>The parsed share-worker ScaledObject classes (<c>[KedaShareScaledObject]</c>): model and diagnostics.</summary>
    public const string ShareScaledObjectsParsed = nameof(ShareScaledObjectsParsed);

    /// <summary>The symbol-free share-worker ScaledObject models.</summary>
    public const string ShareScaledObjects = nameof(ShareScaledObjects);

    /// <summary>The classes with <c>[KedaTriggerAuthentication]</c>: diagnostics only.</summary>
    public const string TriggerAuthentications = nameof(TriggerAuthentications);

    /// <summary>The classes with <c>[KubernetesDeployment]</c>: diagnostics only.</summary>
    public const string Deployments = nameof(Deployments);

    /// <summary>Every diagnostic of the project, with source locations.</summary>
    public const string Diagnostics = nameof(Diagnostics);
}
