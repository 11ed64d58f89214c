namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>Tests in this collection share one <see cref="KafkaFixture"/> (one cluster per test run).</summary>
[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaFixture>
{
    public const string Name = "kafka";
}
