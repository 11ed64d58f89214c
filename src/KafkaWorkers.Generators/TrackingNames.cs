namespace KafkaWorkers.Generators;

/// <summary>The names of the generator's pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string ScaledObjects = nameof(ScaledObjects);
    public const string ScaledJobs = nameof(ScaledJobs);
    public const string TriggerAuthentications = nameof(TriggerAuthentications);
    public const string Project = nameof(Project);
    public const string Rendered = nameof(Rendered);
}
