namespace KafkaWorkers.Samples.Tests;

/// <summary>The playground and the template test start many processes each: run them one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class SamplesCollection
{
    public const string Name = "samples";
}
