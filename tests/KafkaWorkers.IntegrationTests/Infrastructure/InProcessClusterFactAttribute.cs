namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>
/// A test that needs the in-process cluster's fault injection (brokers down, injected errors). It is skipped,
/// with the reason shown in the test output, when the tests run against an external cluster.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class InProcessClusterFactAttribute : FactAttribute
{
    public InProcessClusterFactAttribute()
    {
        if (KafkaFixture.IsExternal)
        {
            Skip = $"Needs fault injection, which only the in-process cluster offers; {KafkaFixture.ExternalDescription}.";
        }
    }
}
